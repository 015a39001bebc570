/**
 * `bot check [file, folder or 单位 …] [--year 2024] [--json] [--db path]`: the /check findings for scripts
 * and a finance office's CI. Files are parsed directly (not stored); names resolve against the
 * database; no argument checks every stored document. Exit 0 when clean (rounding differences
 * ≤ 0.01 万元 do not count), 1 when there are findings, 2 for usage mistakes.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { checkReply } from "../answers/check.js";
import { createCore } from "../app.js";
import { type Finding, type RuleRun, ruleReport, runChecks } from "../checks/index.js";
import { UserError } from "../commands/errors.js";
import type { Disclosure } from "../domain/types.js";
import { readDisclosure } from "../ingest/parse.js";
import { silentLogger } from "../lifecycle/log.js";
import { resolveDepartment, resolveYear } from "../query/resolve.js";
import { renderText } from "../render/index.js";
import { openStore, resolveDbPath } from "../store/open.js";
import type { Store } from "../store/ports.js";
import { parseCliArgs, parseYear, stringFlag } from "./args.js";
import { expandInputs } from "./ingest.js";
import { readSidecar } from "./sidecar.js";
import { type CliCommand, type CliIO, CliUsageError } from "./types.js";

const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      json: { type: "boolean" },
      db: { type: "string" },
      year: { type: "string" },
    });
    const year = stringFlag(values, "year");
    // Files and folders are parsed directly (a folder gives its disclosure files, as for ingest);
    // anything that is not a path is a department name resolved against the database.
    const paths = positionals.filter((p) => existsSync(resolve(io.cwd, p)));
    const names = positionals.filter((p) => !paths.includes(p));
    const docs: Disclosure[] = [];
    const { files } = expandInputs(paths, io.cwd);
    if (paths.length > 0 && files.length === 0)
      throw new CliUsageError(`${paths.join("、")} 中没有可核对的文件`);
    for (const f of files) {
      docs.push(await readDisclosure(readFileSync(f), basename(f), readSidecar(f)));
    }
    let store: Store | null = null;
    try {
      if (names.length > 0 || positionals.length === 0) {
        const dbPath = resolve(io.cwd, resolveDbPath(stringFlag(values, "db"), io.env));
        if (!existsSync(dbPath))
          throw new CliUsageError(`数据库 ${dbPath} 不存在，请先 ingest，或直接给出文件路径`);
        // Stays open until the end: stored documents load their parts lazily.
        store = openStore(dbPath);
        docs.push(...(await storedDocs(store, names, year)));
      }
      return report(docs, Boolean(values.json), io);
    } finally {
      if (store) await store.close();
    }
  },
};

/** The stored documents to check: every one, or those of the named departments. */
async function storedDocs(store: Store, names: string[], year: string | undefined): Promise<Disclosure[]> {
  const docs: Disclosure[] = [];
  if (names.length === 0) {
    for (const d of await store.disclosures.documents()) {
      const full = await store.disclosures.disclosure(d.id);
      if (full) docs.push(full);
    }
    return docs;
  }
  const core = createCore({ store, log: silentLogger });
  await core.fresh();
  for (const n of names) {
    try {
      const dept = resolveDepartment(core.services.lexicon(), n, "check");
      const y = resolveYear(dept, year ? { kind: "absolute", year: parseYear(year) } : null, new Date());
      const d = await core.catalog.disclosure(dept.name, y);
      if (d) docs.push(d);
    } catch (err) {
      if (err instanceof UserError) throw new CliUsageError([err.message, ...err.hints].join("\n"));
      throw err;
    }
  }
  return docs;
}

/** Print the findings of each document (text or JSON); the exit code (1 when any is not rounding). */
function report(docs: Disclosure[], json: boolean, io: CliIO): number {
  let dirty = false;
  const results: Array<{
    file: string;
    department: string | null;
    year: number | null;
    findings: Finding[];
    rules: RuleRun[];
  }> = [];
  for (const d of docs) {
    const findings = runChecks(d);
    const rules = ruleReport(d);
    if (findings.some((f) => f.severity !== "rounding")) dirty = true;
    results.push({ file: d.file, department: d.department.name, year: d.year, findings, rules });
    if (!json) {
      const reply = checkReply(d, findings, {
        page: 1,
        includeRounding: true,
        commandFor: () => "",
        pageSize: 10_000,
        report: rules,
      });
      io.out(renderText(reply));
      io.out("");
    }
  }
  if (json) io.out(JSON.stringify(results, null, 2));
  return dirty ? 1 : 0;
}

export default command;
