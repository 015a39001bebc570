/** A file that no format reader can read; the message is Chinese and shown to the user. */
export class UnreadableFileError extends Error {
  override name = "UnreadableFileError";
}
