// The reply button type lives in domain/ so that a UserError can carry its choices (layers: DESIGN.md).

/** A button the user can press: paging, choosing among candidates, exporting, sharing. */
export interface ReplyAction {
  /** Button label (Chinese). */
  label: string;
  /** The chat line the button runs when pressed, e.g. "/project 后勤 --page 2". */
  command: string;
  /** "page" actions replace the original message; others post a new one. */
  kind: "page" | "choose" | "export" | "share";
}
