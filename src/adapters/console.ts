/**
 * Console adapter: an interactive prompt on a terminal, or one command per line from standard
 * input otherwise. Thin: it turns lines into Invocations and prints the plain-text rendering.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Dispatcher } from "../commands/types.js";
import { renderText } from "../render/index.js";
import { saveAttachment } from "./save-attachment.js";

/** Options of the console adapter. */
export interface ConsoleOptions {
  dispatcher: Dispatcher;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (true on a terminal). */
  interactive: boolean;
  /** Folder where CSV exports are written (the current folder in `npm start`); not written when absent. */
  saveDir?: string;
  /** Aborted on shutdown: no further line is read; the command being answered is finished and printed. */
  signal?: AbortSignal;
}

/** Run until the input ends (or "exit"/"quit"); resolves when done. */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { dispatcher, output } = opts;
  const rl = createInterface({
    input: opts.input,
    output: opts.interactive ? output : undefined,
    terminal: opts.interactive,
  });
  let stopped = false;
  const stop = () => {
    stopped = true;
    rl.close();
  };
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener("abort", stop, { once: true });
  if (opts.interactive) {
    output.write("预算公开查询机器人（控制台）。输入 /help 查看命令，exit 退出。\n");
    rl.setPrompt("budget> ");
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "exit" || line === "quit" || line === "退出") break;
    if (line !== "" && !line.startsWith("#")) {
      // A line without a slash is a /budget query: the dispatcher's shared line rule (routeLine).
      const reply = await dispatcher.dispatch({
        text: line,
        platform: "console",
        userId: "console",
        chatId: "console",
      });
      if (reply.kind !== "ignored") {
        const shown = opts.saveDir ? saveAttachment(reply, opts.saveDir, opts.saveDir) : reply;
        output.write(`${renderText(shown)}\n\n`);
      }
    }
    if (stopped) break;
    if (opts.interactive) rl.prompt();
  }
  opts.signal?.removeEventListener("abort", stop);
  rl.close();
}
