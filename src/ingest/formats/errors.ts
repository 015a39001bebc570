/** The error every format reader and the dispatcher throw for a file they cannot read. */
import { IngestRefusalError, type RefusalFraming, type RefusalReason } from "../refusal.js";

/**
 * Thrown when a file cannot be read into the document model; the message is user-facing Chinese
 * and `reason` says why in terms a caller can act on.
 */
export class UnreadableFileError extends IngestRefusalError {
  override name = "UnreadableFileError";
  constructor(message: string, reason: RefusalReason = "unreadable", framing: RefusalFraming = "plain") {
    super(message, reason, framing);
  }
}
