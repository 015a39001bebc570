/** The error every format reader and the dispatcher throw for a file they cannot read. */

/** Thrown when a file cannot be read into the document model; the message is user-facing Chinese. */
export class UnreadableFileError extends Error {
  override name = "UnreadableFileError";
}
