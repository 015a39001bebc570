/** One chat line through an assembled core's real dispatcher, as a console user would send it. */
import type { AppCore } from "../../src/app.js";
import { renderText } from "../../src/render/index.js";
import type { Reply } from "../../src/reply/reply.js";

/** The reply to `line`. */
export function askReply(core: AppCore, line: string): Promise<Reply> {
  return core.dispatcher.dispatch({ text: line, platform: "console", userId: "t", chatId: "t" });
}

/** The reply to `line`, rendered as plain text. */
export async function askText(core: AppCore, line: string): Promise<string> {
  return renderText(await askReply(core, line));
}
