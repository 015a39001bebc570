import Database from "better-sqlite3";
import { ftsMatch } from "../src/search/fts.js";
const db = new Database("/tmp/srch/k/fts.db", { readonly: true });
const t = (label: string, sql: string, ...p: unknown[]) => {
  const st = db.prepare(sql); st.all(...p);
  const c = process.cpuUsage(); const s = performance.now(); const r = st.all(...p); const e = performance.now() - s; const cu = process.cpuUsage(c);
  console.log(label.padEnd(40), e.toFixed(1), "ms wall", ((cu.user + cu.system) / 1000).toFixed(1), "ms cpu rows", r.length, JSON.stringify(r[0]).slice(0, 60));
};
for (const q of ["区工作经费", "作需要及时支", "管理", "社区工作经费", "指标值"]) {
  const m = ftsMatch(q)!;
  console.log("==", q, m);
  t("count all", "select count(*) c from project_fts where project_fts match ?", m);
  t("count name", "select count(*) c from project_fts where project_fts match ?", `{name code}: (${m})`);
  t("probe name", "select rowid from project_fts where project_fts match ? order by rowid desc limit 5001", `{name code}: (${m})`);
  t("probe rest", "select rowid from project_fts where project_fts match ? order by rowid desc limit 5001", `{name code department purpose goal indicators}: (${m}) NOT {name code}: (${m})`);
  t("rank rest", "select rowid, bm25(project_fts,10,6,2,1,1,0.5,0,0) s from project_fts where project_fts match ? order by s limit 20", `{name code department purpose goal indicators}: (${m}) NOT {name code}: (${m})`);
  t("count each bigram", "select count(*) c from project_fts where project_fts match ?", `"${m.replaceAll('"','').split(" ")[0]}"`);
}
