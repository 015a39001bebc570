/**
 * `bot check [file or 单位 …] [--year 2024] [--json] [--db path]`: the /check findings for scripts
 * and a finance office's CI. Files are parsed directly (not stored); names resolve against the
 * database; no argument checks every stored document. Exit 0 when clean (rounding differences
 * ≤ 0.01 万元 do not count), 1 when there are findings, 2 for usage mistakes.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { checkReply } from "../answers/check.js";
import { createCore } from "../app.js";
import { type Finding, runChecks } from "../checks/index.js";
import { UserError } from "../commands/errors.js";
import type { Disclosure } from "../domain/types.js";
import { readDisclosure } from "../ingest/parse.js";
import { silentLogger } from "../log.js";
import { resolveDepartment, resolveYear } from "../query/resolve.js";
import { renderText } from "../render/index.js";
import { closeDb, openDb, resolveDbPath } from "../store/db.js";
import { getDisclosure, listDocuments } from "../store/read.js";
import { parseCliArgs, parseYear, stringFlag } from "./args.js";
import { readSidecar } from "./sidecar.js";
import { type CliCommand, CliUsageError } from "./types.js";

const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      json: { type: "boolean" },
      db: { type: "string" },
      year: { type: "string" },
    });
    const year = stringFlag(values, "year");
    const docs: Disclosure[] = [];
    const names = positionals.filter((p) => !(existsSync(p) && statSync(p).isFile()));
    for (const p of positionals.filter((x) => !names.includes(x))) {
      docs.push(await readDisclosure(readFileSync(p), basename(p), readSidecar(p)));
    }
    if (names.length > 0 || positionals.length === 0) {
      const dbPath = resolveDbPath(stringFlag(values, "db"), io.env);
      if (!existsSync(dbPath))
        throw new CliUsageError(`数据库 ${dbPath} 不存在，请先 ingest，或直接给出文件路径`);
      const db = openDb(dbPath);
      try {
        if (positionals.length === 0) {
          for (const d of listDocuments(db)) {
            const full = getDisclosure(db, d.id);
            if (full) docs.push(full);
          }
        } else {
          const core = createCore({ db, log: silentLogger });
          for (const n of names) {
            try {
              const dept = resolveDepartment(core.services.lexicon(), n, "check");
              const y = resolveYear(
                dept,
                year ? { kind: "absolute", year: parseYear(year) } : null,
                new Date(),
              );
              const d = core.catalog.disclosure(dept.name, y);
              if (d) docs.push(d);
            } catch (err) {
              if (err instanceof UserError) throw new CliUsageError([err.message, ...err.hints].join("\n"));
              throw err;
            }
          }
        }
      } finally {
        closeDb(db);
      }
    }
    let dirty = false;
    const results: Array<{
      file: string;
      department: string | null;
      year: number | null;
      findings: Finding[];
    }> = [];
    for (const d of docs) {
      const findings = runChecks(d);
      if (findings.some((f) => f.severity !== "rounding")) dirty = true;
      results.push({ file: d.file, department: d.department.name, year: d.year, findings });
      if (!values.json) {
        const reply = checkReply(d, findings, {
          page: 1,
          includeRounding: true,
          commandFor: () => "",
          pageSize: 10_000,
        });
        io.out(renderText(reply));
        io.out("");
      }
    }
    if (values.json) io.out(JSON.stringify(results, null, 2));
    return dirty ? 1 : 0;
  },
};

export default command;
