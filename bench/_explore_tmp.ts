import Database from "better-sqlite3";
const db = new Database("/tmp/srch/k/fts.db", { readonly: true });
const t = (label: string, sql: string, ...p: unknown[]) => {
  const st = db.prepare(sql); st.all(...p);
  const s = performance.now(); const r = st.all(...p); const e = performance.now() - s;
  console.log(label.padEnd(40), e.toFixed(1), "ms rows", r.length, JSON.stringify(r[0]).slice(0, 80));
};
for (const q of ['"项目"', '"社区"', '"服务"', '{name}: "项目"', '{name}: "社区"', '"容"', '"物业"']) {
  console.log("==", q);
  t("count", "select count(*) c from project_fts where project_fts match ?", q);
  t("rowid limit 20", "select rowid from project_fts where project_fts match ? limit 20", q);
  t("order by rank limit 20", "select rowid from project_fts where project_fts match ? order by rank limit 20", q);
  t("bm25 weights order limit 20", "select rowid, bm25(project_fts,10,6,2,1,1,0.5) s from project_fts where project_fts match ? order by s limit 20", q);
  t("name_key fetch", "select rowid, name_key from project_fts where project_fts match ?", q);
  t("year filter", "select rowid from project_fts where project_fts match ? and year = 2024", q);
}
