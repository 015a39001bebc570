/** A hand-made disclosure of 测试单位 2024 with nothing in it but what a test gives. */
import type { Disclosure } from "../../src/domain/types.js";
import { emptyParts } from "../../src/ingest/parts/index.js";

/** A disclosure of `file` with empty tables, narrative, projects…, overridden by `over`. */
export function blankDisclosure(file: string, over: Partial<Disclosure> = {}): Disclosure {
  return {
    file,
    sha256: "0",
    department: { name: "测试单位", code: null, given: false },
    year: 2024,
    kind: "full",
    region: null,
    ...emptyParts(),
    warnings: [],
    ...over,
  };
}
