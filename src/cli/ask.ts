/**
 * `bot ask "<chat line>" [--json]`: one line through the same dispatcher the chat adapters use;
 * prints the plain-text rendering, or the Reply itself as JSON. A CSV export is written to the
 * current folder or `--out` (a folder or a file name) and its path printed; a chart is drawn as a
 * PNG into `--out` (a folder) or a temporary folder, and its path printed.
 */

import { dirname, extname } from "node:path";
import { saveAttachment } from "../adapters/save-attachment.js";
import { defaultChartDir, saveChart } from "../adapters/save-chart.js";
import { createCore } from "../app.js";
import { ensureCorpus } from "./first-start.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../lifecycle/log.js";
import { renderText } from "../render/index.js";
import { openStore, resolveDbPath } from "../store/open.js";
import { parseCliArgs, stringFlag } from "./args.js";
import { type CliCommand, CliUsageError } from "./types.js";

const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      json: { type: "boolean" },
      db: { type: "string" },
      out: { type: "string" },
    });
    const line = positionals.join(" ").trim();
    if (line === "") throw new CliUsageError('请给出一行聊天命令，例如 ask "/budget 容东 2024 三公"');
    const config = loadConfig(io.env);
    const dbPath = resolveDbPath(stringFlag(values, "db"), io.env);
    const store = openStore(dbPath);
    try {
      await ensureCorpus(store, dbPath, config.BUDGET_DATA_DIR, io);
      const core = createCore({ store, log: createLogger(config.LOG_LEVEL) });
      const reply = await core.dispatcher.dispatch({
        text: line,
        platform: "cli",
        userId: "cli",
        chatId: "cli",
      });
      if (reply.kind === "ignored") return 0;
      // `npm run` starts in the package folder; INIT_CWD is the folder the user typed the command in.
      const here = io.env.INIT_CWD ?? io.cwd;
      // A chart is drawn as a PNG into --out (a folder), else a temporary folder, and its path printed.
      const out = stringFlag(values, "out");
      const chartDir = out === undefined ? defaultChartDir() : extname(out) ? dirname(out) : out;
      const drawn = values.json ? reply : await saveChart(reply, chartDir, here);
      const shown = saveAttachment(drawn, out ?? ".", here);
      io.out(values.json ? JSON.stringify(reply, null, 2) : renderText(shown));
      return reply.kind === "error" ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};

export default command;
