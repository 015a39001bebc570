/**
 * One department-year from several documents. A department often publishes a year as two files
 * (the 说明 narrative and the 表格 tables), and a partial copy (a narrative excerpt, one table) may
 * sit beside the complete document. The combined view takes each part from the document that
 * holds most of it — each standard table kind, the narrative, projects, procurement, assets, units
 * — so a partial copy never replaces a more complete document, and every figure keeps the Source
 * of its own file. Pure: no I/O.
 */
import { createHash } from "node:crypto";
import type {
  Disclosure,
  DisclosurePart,
  DisclosureSourceDocument,
  ParseWarning,
  StandardTable,
  StandardTableKind,
  StatedFigure,
} from "../domain/types.js";

/** How much of each part a document holds: stated figures per table kind, rows or facts otherwise. */
export interface Completeness {
  tables: Map<StandardTableKind, number>;
  narrative: number;
  projects: number;
  procurement: number;
  assets: number;
  units: number;
}

/** Part names shown to users. */
export const PART_LABELS: Record<DisclosurePart, string> = {
  tables: "预算表",
  narrative: "情况说明",
  projects: "绩效目标表",
  procurement: "政府采购",
  assets: "国有资产",
  units: "机构设置",
};

/** Stated (non-blank) figures of a table: a table cut short has fewer than the whole one. */
function statedFigures(t: StandardTable): number {
  let n = 0;
  for (const r of t.rows) for (const v of Object.values(r.values)) if (v) n++;
  // A table printed empty on purpose ("空表列示") still counts as present.
  return n + 1;
}

/** What a document holds, part by part. */
export function completenessOf(d: Disclosure): Completeness {
  const tables = new Map<StandardTableKind, number>();
  for (const t of d.tables) tables.set(t.kind, (tables.get(t.kind) ?? 0) + statedFigures(t));
  return {
    tables,
    narrative: d.narrative.length,
    projects: d.projects.length,
    procurement: d.procurement.length,
    assets: d.assets.length,
    units: d.units.length,
  };
}

/** The parts a document holds (tables when it has any standard table). */
export function partsOf(c: Completeness): DisclosurePart[] {
  const parts: DisclosurePart[] = [];
  if (c.tables.size > 0) parts.push("tables");
  for (const p of ["narrative", "projects", "procurement", "assets", "units"] as const)
    if (c[p] > 0) parts.push(p);
  return parts;
}

/** "内容不如 X 完整（本文件有：情况说明），未被采用". */
function shadowedText(_file: string, c: Completeness, primary: string): string {
  const held = partsOf(c).map((p) => PART_LABELS[p]);
  return `内容不如同一单位同一年度的 ${primary} 完整（本文件有：${held.join("、") || "无可用内容"}），回答未采用本文件`;
}

/**
 * Notes for a reply from a combined view: which file gave which part, and which copies were left
 * out because another document of the department-year holds more. Empty for a single document.
 */
export function combinedNotes(d: Disclosure): string[] {
  if (!d.documents || d.documents.length < 2) return [];
  const used = d.documents.filter((x) => x.parts.length > 0);
  const notes: string[] = [];
  if (used.length > 1) {
    notes.push(
      `本年度由 ${used.length} 个文件合并：${used
        .map((x) => `${x.file}（${x.parts.map((p) => PART_LABELS[p]).join("、")}）`)
        .join("；")}`,
    );
  }
  for (const x of d.documents) {
    if (x.parts.length === 0) notes.push(`${x.file} 内容不如 ${d.file} 完整，回答未采用该文件`);
  }
  return notes;
}

/** One number for "how complete": every stated table figure, fact and row. */
function total(c: Completeness): number {
  let n = c.narrative + c.projects + c.procurement + c.assets + c.units;
  for (const v of c.tables.values()) n += v;
  return n;
}

interface Member {
  doc: Disclosure;
  c: Completeness;
  score: number;
  /** Position in the input (later = ingested later): the last tie-break. */
  order: number;
}

/** Best member by `amount`; ties go to the more complete document overall, then the later one. */
function best(members: Member[], amount: (m: Member) => number): Member | null {
  let top: Member | null = null;
  for (const m of members) {
    const a = amount(m);
    if (a <= 0) continue;
    if (!top) {
      top = m;
      continue;
    }
    const b = amount(top);
    if (a > b || (a === b && (m.score > top.score || (m.score === top.score && m.order > top.order))))
      top = m;
  }
  return top;
}

/**
 * Combine the documents of one department-year and basis (given oldest ingest first) into one
 * view. A single document is returned as it is. The view's `file` is its most complete document;
 * `documents` lists which document gave which part; `sha256` identifies the combination.
 */
export function combineDisclosures(docs: readonly Disclosure[]): Disclosure | null {
  if (docs.length === 0) return null;
  if (docs.length === 1) return docs[0] as Disclosure;
  const members: Member[] = docs.map((doc, order) => {
    const c = completenessOf(doc);
    return { doc, c, score: total(c), order };
  });
  const primary = best(members, (m) => m.score + 1) as Member;
  const gave = new Map<Member, { parts: Set<DisclosurePart>; kinds: StandardTableKind[] }>();
  const credit = (m: Member, part: DisclosurePart, kind?: StandardTableKind) => {
    let g = gave.get(m);
    if (!g) {
      g = { parts: new Set(), kinds: [] };
      gave.set(m, g);
    }
    g.parts.add(part);
    if (kind) g.kinds.push(kind);
  };

  // Standard tables, kind by kind, in the order of the document that gives most of them.
  const kinds: StandardTableKind[] = [];
  const byTables = [...members].sort((a, b) => b.c.tables.size - a.c.tables.size || b.score - a.score);
  for (const m of byTables) for (const t of m.doc.tables) if (!kinds.includes(t.kind)) kinds.push(t.kind);
  const tables: StandardTable[] = [];
  for (const kind of kinds) {
    const from = best(members, (m) => m.c.tables.get(kind) ?? 0);
    if (!from) continue;
    credit(from, "tables", kind);
    tables.push(...from.doc.tables.filter((t) => t.kind === kind));
  }

  const pick = <P extends Exclude<DisclosurePart, "tables">>(part: P): Member | null => {
    const from = best(members, (m) => m.c[part]);
    if (from) credit(from, part);
    return from;
  };
  const narrative = pick("narrative");
  const projects = pick("projects");
  const procurement = pick("procurement");
  const assets = pick("assets");
  const units = pick("units");

  const ordered = [primary, ...members.filter((m) => m !== primary)];
  const documents: DisclosureSourceDocument[] = [];
  const warnings: ParseWarning[] = [];
  for (const m of ordered) {
    const g = gave.get(m);
    for (const w of m.doc.warnings) warnings.push({ ...w, message: `${m.doc.file}：${w.message}` });
    documents.push({
      file: m.doc.file,
      sha256: m.doc.sha256,
      parts: g ? partsOf(m.c).filter((p) => g.parts.has(p)) : [],
      tableKinds: g?.kinds ?? [],
    });
    if (g) continue;
    // A copy that holds nothing the others do not hold more completely: say so, never silently.
    warnings.push({
      message: `${m.doc.file}：${shadowedText(m.doc.file, m.c, primary.doc.file)}`,
      line: null,
    });
  }

  const p = primary.doc;
  const fullDoc = members.find((m) => m.doc.kind === "full" && gave.has(m));
  return {
    file: p.file,
    sha256: createHash("sha256")
      .update(
        ordered
          .map((m) => m.doc.sha256)
          .sort()
          .join(","),
      )
      .digest("hex"),
    department: {
      name: p.department.name,
      code: p.department.code ?? ordered.find((m) => m.doc.department.code)?.doc.department.code ?? null,
      given: p.department.given,
    },
    year: p.year,
    kind: fullDoc ? "full" : p.kind,
    basis: p.basis,
    region: p.region ?? ordered.find((m) => m.doc.region)?.doc.region ?? null,
    units: units?.doc.units ?? [],
    tables,
    narrative: narrative?.doc.narrative ?? [],
    // 不适用 and counts are readings of the same 情况说明 as the facts; stated figures come from
    // every document that contributed (a sentence or a table cell), each once.
    notApplicable: narrative?.doc.notApplicable ?? [],
    stated: statedOf(ordered.filter((m) => gave.has(m)).map((m) => m.doc)),
    ...(narrative?.doc.counts?.length ? { counts: narrative.doc.counts } : {}),
    projects: projects?.doc.projects ?? [],
    procurement: procurement?.doc.procurement ?? [],
    procurementTitleLine: procurement?.doc.procurementTitleLine ?? null,
    assets: assets?.doc.assets ?? [],
    assetsAsOf: assets?.doc.assetsAsOf ?? null,
    warnings,
    // Every contributing document's paragraphs (each keeps its own file): the 目录 of the 说明 lists
    // the tables of the 表.
    texts: ordered.filter((m) => gave.has(m)).flatMap((m) => m.doc.texts ?? []),
    documents,
    // Places of the main file: sources built from the view's own file and a line resolve to its pages.
    ...(p.places ? { places: p.places } : {}),
  };
}

/** The stated figures of several documents, each (label, figure text, context) once. */
function statedOf(docs: Disclosure[]): StatedFigure[] {
  const seen = new Set<string>();
  const out: StatedFigure[] = [];
  for (const d of docs) {
    for (const s of d.stated ?? []) {
      const id = `${s.origin}|${s.label}|${s.figure.text}|${s.context}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(s);
    }
  }
  return out;
}
