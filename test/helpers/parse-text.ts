/** Parse a disclosure text the way `bot ingest` parses a UTF-8 text file with those bytes. */
import { createHash } from "node:crypto";
import type { Disclosure } from "../../src/domain/types.js";
import { decodeText } from "../../src/ingest/formats/decode.js";
import { textModel } from "../../src/ingest/formats/text.js";
import { type GivenFacts, parseDisclosure } from "../../src/ingest/parse.js";

/** Parse `text` as the UTF-8 file `file` (sha256 of its bytes, binary refused like a real file). */
export function parseText(text: string, file: string, given: GivenFacts = {}): Disclosure {
  const bytes = Buffer.from(text, "utf8");
  return parseDisclosure(
    textModel(decodeText(bytes)),
    file,
    given,
    createHash("sha256").update(bytes).digest("hex"),
  );
}
