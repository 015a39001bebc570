/**
 * The yardstick for /project: a plain SQLite FTS5 table of the same project names, each Han run
 * pre-split into its bigrams (the bot's own tokenisation, without its tiers, facets or caps),
 * queried the obvious way — the top 10 by bm25 plus the match count — with the same keywords the
 * /project run used. Built in its own database file so the bot's file and numbers stay apart.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ftsMatch, ftsText } from "../src/store/sqlite/project-fts.js";
import { type Summary, summarize, timed } from "./stats.js";

/** Build time and per-query latency (top 10 by bm25 + count) of the plain FTS5 bigram table. */
export interface BaselineResult {
  projects: number;
  buildMs: number;
  query: Summary;
}

/** The keyword of a `/project <keyword> [单位] [年度]` line; null for `#id` lines. */
export function projectKeyword(text: string): string | null {
  const kw = text.replace(/^\/project\s+/, "").split(/\s+/)[0] ?? "";
  return kw === "" || kw.startsWith("#") ? null : kw;
}

/** Builds the baseline next to `botDbPath` (in `dir`), times `keywords` on it, removes it. */
export function ftsBaseline(botDbPath: string, dir: string, keywords: string[]): BaselineResult {
  const path = join(dir, "baseline.db");
  rmSync(path, { force: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`ATTACH DATABASE '${botDbPath.replaceAll("'", "''")}' AS bot`);
    db.exec("CREATE VIRTUAL TABLE plain USING fts5(name, tokenize='unicode61 remove_diacritics 0')");
    const insert = db.prepare("INSERT INTO plain(rowid, name) VALUES (?, ?)");
    const rows = db.prepare("SELECT id, name FROM bot.projects").all() as Array<{
      id: number;
      name: string;
    }>;
    let projects = 0;
    const [, buildMs] = timed(() =>
      db.transaction(() => {
        for (const r of rows) {
          insert.run(r.id, ftsText(r.name, false));
          projects++;
        }
      })(),
    );
    db.exec("DETACH DATABASE bot");
    const top = db.prepare("SELECT rowid FROM plain WHERE plain MATCH ? ORDER BY bm25(plain) LIMIT 10");
    const count = db.prepare("SELECT count(*) AS n FROM plain WHERE plain MATCH ?");
    const ms: number[] = [];
    for (const kw of keywords) {
      const match = ftsMatch(kw);
      if (match === null) continue;
      ms.push(
        timed(() => {
          top.all(match);
          count.get(match);
        })[1],
      );
    }
    return { projects, buildMs, query: summarize(ms) };
  } finally {
    db.close();
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
  }
}
