/**
 * The user-facing error contract, thrown from query/, digest/, commands and the CLI alike.
 * The two kinds of error a command can raise. A UserError becomes a friendly Chinese reply with
 * the usage line; anything else is logged once and the user sees a short message with a reference id.
 */
import type { ReplyAction } from "./reply-action.js";

/** A mistake the user can fix (bad arguments, unknown department). The message is shown as is. */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    message: string,
    /** Extra lines shown under the message, e.g. candidate departments. */
    readonly hints: string[] = [],
    /** Buttons that answer the question, e.g. one per candidate department. */
    readonly actions: ReplyAction[] = [],
  ) {
    super(message);
  }
}
