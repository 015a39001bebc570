/**
 * Console adapter: an interactive prompt on a terminal, or one command per line from standard
 * input otherwise. Thin: each line goes the one way in (pipeline.ts: line rule, dispatch, send)
 * like a chat message in a 1:1 chat, and the answer is printed as plain text (a CSV export is
 * written to `saveDir`, a chart drawn as a PNG into `chartDir` and its path printed).
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Dispatcher } from "../commands/types.js";
import type { Logger } from "../domain/log.js";
import { renderText } from "../render/index.js";
import type { ReplySender } from "./contract.js";
import { memoryDedupe } from "./dedupe.js";
import { handleIncoming, type PipelineDeps } from "./pipeline.js";
import { saveAttachment } from "./save-attachment.js";
import { defaultChartDir, saveChart } from "./save-chart.js";

/** Options of the console adapter. */
export interface ConsoleOptions {
  dispatcher: Dispatcher;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (true on a terminal). */
  interactive: boolean;
  /** Folder where CSV exports are written (the current folder in `npm start`); not written when absent. */
  saveDir?: string;
  /** Folder where charts are written as PNG (default: a temporary folder, save-chart.ts). */
  chartDir?: string;
  /** Aborted on shutdown: no further line is read; the command being answered is finished and printed. */
  signal?: AbortSignal;
  /** Where a failure to answer is logged (default: nowhere; the user still sees the notice). */
  log?: Logger;
}

/** Run until the input ends (or "exit"/"quit"); resolves when done. */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { dispatcher, output } = opts;
  const deps: PipelineDeps = {
    dispatcher,
    dedupe: memoryDedupe(),
    log: opts.log ?? { info: () => {}, error: () => {} },
  };
  const sender: ReplySender = {
    answer: async (reply) => {
      if (reply.kind === "ignored") return;
      const drawn = await saveChart(reply, opts.chartDir ?? defaultChartDir());
      const shown = opts.saveDir ? saveAttachment(drawn, opts.saveDir, opts.saveDir) : drawn;
      output.write(`${renderText(shown)}\n\n`);
    },
  };
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
      // A line without a slash is a /budget query: the shared line rule, as in a 1:1 chat.
      const msg = { platform: "console", text: line, userId: "console", chatId: "console", addressed: true };
      await (await handleIncoming(deps, msg, sender)).done;
    }
    if (stopped) break;
    if (opts.interactive) rl.prompt();
  }
  opts.signal?.removeEventListener("abort", stop);
  rl.close();
}
