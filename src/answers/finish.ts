/**
 * The finishing every topic's reply goes through, in one place: the heading (department, year,
 * 预算/决算, the unit the figures shown share), the sources cited, the ⚠ notes (findings comparing a
 * figure shown), the 未列示 note and the notes of a combined department-year view.
 */
import { combinedNotes } from "../catalog/combine.js";
import type { AnswerFinding } from "../domain/findings.js";
import type { Disclosure, Figure, Source } from "../domain/types.js";
import type { Reply } from "../reply/reply.js";
import { NOT_STATED, separateAmounts, uniqueSources } from "./format.js";
import { headingUnit } from "./units.js";

/**
 * "<单位> 2024年 预算总览（万元）"; a 决算 says so in the heading ("<单位> 2022年决算 决算总览（万元）")
 * so the two are never taken for each other. The unit is the one the figures shown share
 * (`（元）` for a table printed in 元, none when they differ), set by `finish`.
 */
export function heading(doc: Disclosure, title: string): string {
  const name = doc.department.name ?? "未知单位";
  const year = `${doc.year ?? "年度未载明"}年`;
  if (doc.basis === "final")
    return `${name} ${year}决算 ${title.replace(/(?<!一般公共|政府性基金|国有资本经营)预算/g, "决算")}（万元）`;
  return `${name} ${year} ${title}（万元）`;
}

/** The heading of a reply built by `heading`, with the unit its figures share. */
export function retitle(h: string, figures: Array<Figure | null | undefined>): string {
  return h.endsWith("（万元）") ? headingUnit(h.slice(0, -"（万元）".length), figures) : h;
}

/** Warnings about what the reply shows: findings comparing one of the figures shown. */
function relevantWarnings(findings: AnswerFinding[], figures: Array<Figure | null | undefined>): string[] {
  const shown = new Set(figures.flatMap((f) => (f ? [`${f.source.section}|${f.source.line}`] : [])));
  return findings
    .filter((f) => f.places.some((p) => shown.has(`${p.section}|${p.line}`)))
    .map((f) => separateAmounts(f.message));
}

/** What a reply shows, for its sources, ⚠ notes and heading unit. */
export interface Shown {
  /** Where the figures shown come from, cited in this order (each once). */
  sources: Array<Source | null | undefined>;
  /** The figures shown: ⚠ notes are the findings comparing one of them. */
  figures: Array<Figure | null | undefined>;
  /** Blank cells the 情况说明 fills (narrative-fill.ts): cited and checked after the figures shown. */
  filled?: Figure[];
  /** Figures shown only to compare (their unit counts for the heading; no ⚠ notes drawn from them). */
  compared?: Array<Figure | null | undefined>;
  /** Paging notice (page out of range), shown first. */
  notice?: string[];
}

/** Finish a reply about one document (`doc` and its `findings`) showing `shown`. */
export function finish(
  from: { doc: Disclosure; findings: AnswerFinding[] },
  reply: Reply,
  shown: Shown,
): Reply {
  const filled = shown.filled ?? [];
  const figures = [...shown.figures, ...filled];
  const sources = uniqueSources([...shown.sources, ...filled.map((f) => f.source)]);
  const warnings = relevantWarnings(from.findings, figures);
  const notes = [...(shown.notice ?? []), ...(reply.notes ?? [])];
  if (JSON.stringify(reply.table ?? {}).includes(NOT_STATED)) notes.push(`${NOT_STATED}：文件未载明该数字`);
  notes.push(...combinedNotes(from.doc));
  return {
    ...reply,
    // The unit of the heading is the one every figure shown shares (none when they differ).
    heading: retitle(reply.heading, [...figures, ...(shown.compared ?? [])]),
    warnings: warnings.length ? warnings : undefined,
    notes: notes.length ? notes : undefined,
    sources,
    kind: "answer",
  };
}
