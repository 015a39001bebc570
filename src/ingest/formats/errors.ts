/** A file that cannot be read into a document model; the message is Chinese and user-facing. */
export class UnreadableFileError extends Error { override name = "UnreadableFileError"; }
