/**
 * Writing parsed disclosures. One document is saved in ONE transaction: either all of its rows
 * are replaced or nothing changes. Saving is idempotent: same file, same content → no writes.
 */
import { createHash } from "node:crypto";
import { unknownDepartmentName } from "../../domain/department-identity.js";
import type { Disclosure, Figure } from "../../domain/types.js";
import type { SaveOptions, SaveResult, SaveStatus } from "../ports.js";
import type { Db } from "./db.js";
import { projectIndexAfter, projectIndexBefore } from "./project-index.js";

export type { SaveOptions, SaveResult, SaveStatus };

/**
 * A digest of everything that would be stored for `d`: equal digests mean equal rows.
 * It covers the given department/year too, so adding a sidecar later re-stores the file.
 */
export function disclosureDigest(d: Disclosure): string {
  return createHash("sha256").update(JSON.stringify(d)).digest("hex");
}

type Params = Record<string, string | number | null>;

/** Named parameters for one Figure stored under `prefix` (NULL text = blank cell). */
function fig(prefix: string, f: Figure | null): Params {
  return {
    [`${prefix}_text`]: f ? f.text : null,
    [`${prefix}_fen`]: f ? f.fen : null,
    [`${prefix}_unit`]: f ? f.unit : null,
    [`${prefix}_section`]: f ? f.source.section : null,
    [`${prefix}_line`]: f ? f.source.line : null,
  };
}

/** The SQL fragment "p_text, p_fen, …" or "@p_text, @p_fen, …" for a figure prefix. */
function figCols(prefix: string, at = ""): string {
  return ["text", "fen", "unit", "section", "line"].map((c) => `${at}${prefix}_${c}`).join(", ");
}

const CHILD_TABLES = [
  "units",
  "std_tables",
  "narrative",
  "projects",
  "procurement",
  "assets",
  "warnings",
  "not_applicable",
  "stated_figures",
  "narrative_counts",
  "document_texts",
];

/** Insert every row of `d` under document `docId` (the document row already exists). */
function insertChildren(db: Db, docId: number, d: Disclosure): void {
  const unit = db.prepare(
    "INSERT INTO units (doc_id, ord, name, nature, rank, funding, line) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  d.units.forEach((u, i) => {
    unit.run(docId, i, u.name, u.nature, u.rank, u.funding, u.line);
  });

  const table = db.prepare(
    "INSERT INTO std_tables (doc_id, ord, kind, title, unit, line, note, columns_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const row = db.prepare(
    "INSERT INTO std_rows (table_id, ord, side, seq, code, name, level, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const value = db.prepare(
    `INSERT INTO std_values (row_id, ord, column_name, ${figCols("value")})
     VALUES (@row_id, @ord, @column_name, ${figCols("value", "@")})`,
  );
  d.tables.forEach((t, ti) => {
    const tableId = Number(
      table.run(docId, ti, t.kind, t.title, t.unit, t.line, t.note, JSON.stringify(t.columns))
        .lastInsertRowid,
    );
    t.rows.forEach((r, ri) => {
      const rowId = Number(
        row.run(tableId, ri, r.side, r.seq, r.code, r.name, r.level, r.line).lastInsertRowid,
      );
      Object.entries(r.values).forEach(([column, f], vi) => {
        value.run({ row_id: rowId, ord: vi, column_name: column, ...fig("value", f) });
      });
    });
  });

  const fact = db.prepare(
    `INSERT INTO narrative (doc_id, ord, key, label, ${figCols("value")}, direction, sentence,
       share_bp, subject, scope, change_direction, ${figCols("change")}, change_percent_bp, change_basis,
       change_year, prior_basis, prior_year, ${figCols("prior")})
     VALUES (@doc_id, @ord, @key, @label, ${figCols("value", "@")}, @direction, @sentence,
       @share_bp, @subject, @scope, @change_direction, ${figCols("change", "@")}, @change_percent_bp,
       @change_basis, @change_year, @prior_basis, @prior_year, ${figCols("prior", "@")})`,
  );
  d.narrative.forEach((n, i) => {
    fact.run({
      doc_id: docId,
      ord: i,
      key: n.key,
      label: n.label,
      ...fig("value", n.figure),
      direction: n.direction,
      sentence: n.sentence,
      share_bp: n.share ?? null,
      subject: n.subject ?? null,
      scope: n.scope ?? null,
      change_direction: n.change ? n.change.direction : null,
      ...fig("change", n.change?.figure ?? null),
      change_percent_bp: n.change?.percent ?? null,
      change_basis: n.change?.basis ?? null,
      change_year: n.change?.year ?? null,
      prior_basis: n.prior?.basis ?? null,
      prior_year: n.prior?.year ?? null,
      ...fig("prior", n.prior?.figure ?? null),
    });
  });

  const na = db.prepare(
    "INSERT INTO not_applicable (doc_id, ord, key, label, sentence, section, line) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  d.notApplicable.forEach((n, i) => {
    na.run(docId, i, n.key, n.label, n.sentence, n.source.section, n.source.line);
  });

  const count = db.prepare(
    `INSERT INTO narrative_counts (doc_id, ord, key, label, text, value, unit, sentence, section, line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  (d.counts ?? []).forEach((c, i) => {
    count.run(docId, i, c.key, c.label, c.text, c.value, c.unit, c.sentence, c.source.section, c.source.line);
  });

  const text = db.prepare("INSERT INTO document_texts (doc_id, ord, text, line) VALUES (?, ?, ?, ?)");
  (d.texts ?? []).forEach((t, i) => {
    text.run(docId, i, t.text, t.source.line);
  });

  const stated = db.prepare(
    `INSERT INTO stated_figures (doc_id, ord, origin, label, context, ${figCols("value")})
     VALUES (@doc_id, @ord, @origin, @label, @context, ${figCols("value", "@")})`,
  );
  d.stated.forEach((s, i) => {
    stated.run({
      doc_id: docId,
      ord: i,
      origin: s.origin,
      label: s.label,
      context: s.context,
      ...fig("value", s.figure),
    });
  });

  const project = db.prepare(
    `INSERT INTO projects (doc_id, ord, seq, title, name, code, ${figCols("budget")}, ${figCols("fiscal")},
       ${figCols("other")}, purpose, goal, line, section)
     VALUES (@doc_id, @ord, @seq, @title, @name, @code, ${figCols("budget", "@")}, ${figCols("fiscal", "@")},
       ${figCols("other", "@")}, @purpose, @goal, @line, @section)`,
  );
  const plan = db.prepare(
    "INSERT INTO plan_points (project_id, ord, label, text, unit, fen, basis_points, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const indicator = db.prepare(
    `INSERT INTO indicators (project_id, ord, level1, level2, level3, description, value, basis, line)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  d.projects.forEach((p, i) => {
    const projectId = Number(
      project.run({
        doc_id: docId,
        ord: i,
        seq: p.seq,
        title: p.title,
        name: p.name,
        code: p.code,
        ...fig("budget", p.budget),
        ...fig("fiscal", p.fiscal),
        ...fig("other", p.other),
        purpose: p.purpose,
        goal: p.goal,
        line: p.line,
        section: p.section,
      }).lastInsertRowid,
    );
    p.plan.forEach((pt, j) => {
      plan.run(projectId, j, pt.label, pt.text, pt.unit, pt.fen, pt.basisPoints, pt.line);
    });
    p.indicators.forEach((x, j) => {
      indicator.run(projectId, j, x.level1, x.level2, x.level3, x.description, x.value, x.basis, x.line);
    });
  });

  const purchase = db.prepare(
    `INSERT INTO procurement (doc_id, ord, kind, project_name, ${figCols("project_budget")}, item, catalog_code,
       measure_unit, quantity, ${figCols("unit_price")}, line)
     VALUES (@doc_id, @ord, @kind, @project_name, ${figCols("project_budget", "@")}, @item, @catalog_code,
       @measure_unit, @quantity, ${figCols("unit_price", "@")}, @line)`,
  );
  const amount = db.prepare(
    `INSERT INTO procurement_amounts (procurement_id, ord, column_name, ${figCols("value")})
     VALUES (@procurement_id, @ord, @column_name, ${figCols("value", "@")})`,
  );
  d.procurement.forEach((r, i) => {
    const purchaseId = Number(
      purchase.run({
        doc_id: docId,
        ord: i,
        kind: r.kind,
        project_name: r.projectName,
        ...fig("project_budget", r.projectBudget),
        item: r.item,
        catalog_code: r.catalogCode,
        measure_unit: r.measureUnit,
        quantity: r.quantity,
        ...fig("unit_price", r.unitPrice),
        line: r.line,
      }).lastInsertRowid,
    );
    Object.entries(r.amounts).forEach(([column, f], j) => {
      amount.run({ procurement_id: purchaseId, ord: j, column_name: column, ...fig("value", f) });
    });
  });

  const asset = db.prepare(
    `INSERT INTO assets (doc_id, ord, name, quantity, ${figCols("value")}, line)
     VALUES (@doc_id, @ord, @name, @quantity, ${figCols("value", "@")}, @line)`,
  );
  d.assets.forEach((a, i) => {
    asset.run({
      doc_id: docId,
      ord: i,
      name: a.name,
      quantity: a.quantity,
      ...fig("value", a.value),
      line: a.line,
    });
  });

  const warning = db.prepare("INSERT INTO warnings (doc_id, ord, message, line) VALUES (?, ?, ?, ?)");
  d.warnings.forEach((w, i) => {
    warning.run(docId, i, w.message, w.line);
  });
}

/** Parameters of the documents row for `d`. */
function documentParams(d: Disclosure, digest: string): Params {
  const known = d.department.name !== null && d.department.name.trim() !== "";
  return {
    file: d.file,
    sha256: d.sha256,
    digest,
    department_name: known ? (d.department.name as string) : unknownDepartmentName(d.file),
    department_code: d.department.code,
    department_given: d.department.given && known ? 1 : 0,
    department_known: known ? 1 : 0,
    year: d.year,
    kind: d.kind,
    basis: d.basis ?? "budget",
    region: d.region,
    procurement_title_line: d.procurementTitleLine,
    assets_as_of: d.assetsAsOf,
    places_json: d.places && Object.keys(d.places).length > 0 ? JSON.stringify(d.places) : null,
  };
}

/**
 * Save one parsed disclosure, keyed by file name. Same sha256 and same parsed content →
 * "unchanged" with no writes; otherwise the document's old rows are deleted and the new ones
 * inserted in one transaction ("replaced"), or it is inserted fresh ("added").
 * The project search index is updated in the same transaction. Any error rolls the whole document back.
 */
export function saveDisclosure(db: Db, d: Disclosure, options: SaveOptions = {}): SaveResult {
  const now = options.now ?? (() => new Date().toISOString());
  const digest = disclosureDigest(d);
  const run = db.transaction((): SaveResult => {
    const existing = db.prepare("SELECT id, sha256, digest FROM documents WHERE file = ?").get(d.file) as
      | { id: number; sha256: string; digest: string | null }
      | undefined;
    if (existing && existing.sha256 === d.sha256 && existing.digest === digest) {
      return { status: "unchanged", docId: existing.id };
    }
    const params = documentParams(d, digest);
    const stamp = now();
    // The project search index changes in this same transaction (store/project-index.ts).
    const index = projectIndexBefore(db, existing?.id ?? null);
    if (existing) {
      for (const t of CHILD_TABLES) db.prepare(`DELETE FROM ${t} WHERE doc_id = ?`).run(existing.id);
      db.prepare(
        `UPDATE documents SET sha256 = @sha256, digest = @digest, department_name = @department_name,
           department_code = @department_code, department_given = @department_given,
           department_known = @department_known, year = @year, kind = @kind, basis = @basis, region = @region,
           procurement_title_line = @procurement_title_line, assets_as_of = @assets_as_of,
           places_json = @places_json, updated_at = @updated_at
         WHERE id = @id`,
      ).run({ ...params, updated_at: stamp, id: existing.id });
      insertChildren(db, existing.id, d);
      projectIndexAfter(db, index, existing.id);
      return { status: "replaced", docId: existing.id };
    }
    const docId = Number(
      db
        .prepare(
          `INSERT INTO documents (file, sha256, digest, department_name, department_code, department_given,
             department_known, year, kind, basis, region, procurement_title_line, assets_as_of, places_json,
             ingested_at, updated_at)
           VALUES (@file, @sha256, @digest, @department_name, @department_code, @department_given,
             @department_known, @year, @kind, @basis, @region, @procurement_title_line, @assets_as_of, @places_json,
             @stamp, @stamp)`,
        )
        .run({ ...params, stamp }).lastInsertRowid,
    );
    insertChildren(db, docId, d);
    projectIndexAfter(db, index, docId);
    return { status: "added", docId };
  });
  return run.immediate();
}
