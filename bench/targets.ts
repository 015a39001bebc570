/**
 * Every target of issue 25 as one PASS/FAIL row, from the figures the bench measured. A figure
 * not measured in this run (ingest with --reuse, start-up without dist/) is listed as not measured.
 */
import type { BaselineResult } from "./baseline.js";
import type { PdfBenchResult } from "./pdf.js";
import type { ServeResult } from "./serve.js";
import type { StartupResult } from "./startup.js";

/** One target: what, the goal, the measured value as printed, and whether it is met (null: not measured). */
export interface Target {
  name: string;
  target: string;
  measured: string;
  pass: boolean | null;
}

/** The figures the targets are judged on. */
export interface TargetInputs {
  serve: ServeResult;
  baseline: BaselineResult | null;
  ingestDocsPerSecond: number | null;
  databaseBytes: number;
  textBytes: number;
  pdf: PdfBenchResult | null;
  startup: StartupResult | null;
}

const MB = 1024 * 1024;
const msText = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/** A row: not measured when the value is missing; `ok` null for a figure shown without a goal. */
function row(
  name: string,
  target: string,
  value: number | null | undefined,
  show: (x: number) => string,
  ok: (x: number) => boolean | null,
): Target {
  if (value === null || value === undefined || Number.isNaN(value))
    return { name, target, measured: "not measured", pass: null };
  return { name, target, measured: show(value), pass: ok(value) };
}

/** The issue's targets, in the order it states them. */
export function issueTargets(x: TargetInputs): Target[] {
  const s = x.serve;
  const base = x.baseline?.query;
  const ratio = (v: number) => `${v.toFixed(2)}×`;
  const pdfPagesPerSecond = x.pdf ? x.pdf.pages / x.pdf.pipelineSeconds : null;
  return [
    row("/budget p99", "< 10 ms", s.budget.dispatch.p99, msText, (v) => v < 10),
    row("/project <keyword> p99", "< 15 ms", s.project.dispatch.p99, msText, (v) => v < 15),
    row("/project #id p99", "< 3 ms", s.detail.dispatch.p99, msText, (v) => v < 3),
    row(
      "/project p99 ÷ plain FTS5 bigram p99",
      "≤ 0.5×",
      base ? s.project.dispatch.p99 / base.p99 : null,
      ratio,
      (v) => v <= 0.5,
    ),
    row(
      "/project p50 ÷ plain FTS5 bigram p50",
      "(shown)",
      base ? s.project.dispatch.p50 / base.p50 : null,
      ratio,
      () => null,
    ),
    row("bot ask end to end (dist/, bundled data)", "< 1 s", x.startup?.askMs, msText, (v) => v < 1000),
    row(
      "npm start ready (console, bundled data)",
      "< 1.5 s",
      x.startup?.consoleReadyMs,
      msText,
      (v) => v < 1500,
    ),
    row(
      "text ingest",
      "≥ 50 documents/s",
      x.ingestDocsPerSecond,
      (v) => `${v.toFixed(1)} /s`,
      (v) => v >= 50,
    ),
    row(
      "PDF ingest (whole pipeline)",
      "≥ 30 pages/s",
      pdfPagesPerSecond,
      (v) => `${v.toFixed(1)} /s`,
      (v) => v >= 30,
    ),
    row("database ÷ text held", "≤ 1.5×", x.databaseBytes / x.textBytes, ratio, (v) => v <= 1.5),
    row(
      "bot RSS after the query run",
      "< 150 MB",
      s.memory.afterQueries.rss / MB,
      (v) => `${v.toFixed(0)} MB`,
      (v) => v < 150,
    ),
    row(
      "PDF ingest peak RSS",
      "< 250 MB",
      x.pdf?.peakRssMb,
      (v) => `${v.toFixed(0)} MB`,
      (v) => v < 250,
    ),
  ];
}

/** PASS / FAIL / – for a row. */
export function verdict(t: Target): string {
  return t.pass === null ? "–" : t.pass ? "PASS" : "FAIL";
}
