/**
 * Why a file is not stored: the typed reasons every ingest refusal carries, so callers (the CLI's
 * exit code, a chat reply) tell refusals apart by reason, never by the words of the message.
 */

/** Every reason the ingest pipeline refuses a file for. */
export type RefusalReason =
  /** Larger than its kind of file may be (checked before reading). */
  | "too-large"
  /** No content at all (0 bytes, whitespace, a Word file or web page without text). */
  | "empty"
  /** A format no reader reads (ZIP, image, PowerPoint, legacy .doc). */
  | "unsupported-format"
  /** Needs a password. */
  | "encrypted"
  /** Damaged, or bytes that do not decode (not text, not a valid PDF/Office file). */
  | "unreadable"
  /** The PDF reader did not finish within its deadline. */
  | "timeout"
  /** Pages without a text layer (a scan): an OCR text source would be needed. */
  | "needs-ocr"
  /** The file ends inside a table: storing it would keep half a document. */
  | "cut-short"
  /** Readable, but nothing budget-like in it. */
  | "not-a-disclosure"
  /** Lacks parts the stored document of its department-year has (a cut copy). */
  | "incomplete-copy"
  /** The database refused the write; nothing was changed. */
  | "store-failed"
  /** A reader failed in a way it does not name (a bug): reported, the run goes on. */
  | "reader-failed";

/**
 * How the user-facing line frames a refusal's own message: as it is, as `不是可识别的预算公开文件（…）`,
 * or followed by `；未导入，数据库保持原样`.
 */
export type RefusalFraming = "plain" | "not-a-disclosure" | "kept-out";

/** A file the pipeline refuses; the message is user-facing Chinese. */
export class IngestRefusalError extends Error {
  override name = "IngestRefusalError";
  readonly reason: RefusalReason;
  readonly framing: RefusalFraming;
  constructor(message: string, reason: RefusalReason, framing: RefusalFraming = "plain") {
    super(message);
    this.reason = reason;
    this.framing = framing;
  }
}

/** The user-facing line of a refusal, as `bot ingest` prints it after the file name. */
export function refusalMessage(err: IngestRefusalError): string {
  switch (err.framing) {
    case "plain":
      return err.message;
    case "not-a-disclosure":
      return `不是可识别的预算公开文件（${err.message}）`;
    case "kept-out":
      return `${err.message}；未导入，数据库保持原样`;
  }
}

/** Thrown when a file cannot be read as a budget disclosure; the message is user-facing Chinese. */
export class NotADisclosureError extends IngestRefusalError {
  override name = "NotADisclosureError";
  constructor(
    message: string,
    reason: RefusalReason = "not-a-disclosure",
    framing: RefusalFraming = "not-a-disclosure",
  ) {
    super(message, reason, framing);
  }
}

/** Thrown when a file ends in the middle of a table: storing it would keep half a document. */
export class TruncatedDisclosureError extends NotADisclosureError {
  override name = "TruncatedDisclosureError";
  constructor(message: string) {
    super(message, "cut-short", "kept-out");
  }
}

/** Thrown for a document that has pages but no text layer (a scan): it needs OCR first. */
export class NeedsOcrError extends NotADisclosureError {
  override name = "NeedsOcrError";
  /** The parts (pages, sheets) without text, 1-based: what an OCR text source would read. */
  readonly parts: number[];
  constructor(message: string, parts: number[]) {
    super(message, "needs-ocr", "kept-out");
    this.parts = parts;
  }
}
