/**
 * Answers as registered topics. Each /budget topic the query layer recognises (`Topic["kind"]` in
 * query/topics.ts) is one `defineTopic({ kind, title, needs, answer })` in its own file under
 * answers/topics/, listed once in answers/topics/index.ts, whose `satisfies` makes the compiler
 * report a topic the query layer produces but nobody answers.
 *
 * `needs` says which documents the topic reads, and so the shape of its input:
 * - "document": one department-year document (`doc`), the 预算 beside a 决算 (`budgetDoc`) and the
 *   document's findings. Every topic of today.
 * - "years": several documents of ONE department (`docs`), one per year and basis (预算 / 决算),
 *   ascending by year, 预算 before 决算 within a year — for 历年 / 对比 / 趋势 answers.
 * - "departments": one document per department (`docs`) for ONE year (and basis), in the order of
 *   the catalog's departments — for 排名 / 对比 单位A 单位B answers.
 * answers/gather.ts reads what `needs` asks from the catalog; the answer itself is pure (no I/O).
 * Shared finishing (sources, ⚠ notes, units, 未列示 notes, headings) is answers/finish.ts.
 */
import type { AnswerFinding } from "../domain/findings.js";
import type { Disclosure, DisclosureBasis } from "../domain/types.js";
import type { Topic } from "../query/topics.js";
import type { Reply } from "../reply/reply.js";

/** Every topic kind the query layer produces. */
export type TopicKind = Topic["kind"];

/** The asked topic of one kind, with its details (a 三公 part, a subject's words, a class to expand). */
export type AskedTopic<K extends TopicKind = TopicKind> = TopicByKind[K];

/** Each asked topic by its kind (an indexed type, so an input of one kind is an input of any kind). */
type TopicByKind = { [T in Topic as T["kind"]]: T };

/** Which documents a topic reads. */
export type TopicNeeds = "document" | "years" | "departments";

/** How an answer pages and names its follow-up lines (the same whatever it reads). */
export interface Paging {
  /** 1-based page asked for. */
  page: number;
  /** The chat line for page N (paging actions). */
  commandFor: (page: number) => string;
  /** Rows per page; export passes Infinity to get every row. */
  pageSize?: number;
  /** The chat line that expands one class of a classified table (`/budget 容东 2024 支出 212`). */
  expandCommand?: (code: string) => string;
}

/** needs "document": one department-year document. */
export interface OneDocument {
  doc: Disclosure;
  /** For a 决算: the same year's 预算 when stored, to show its figures beside the actuals. */
  budgetDoc?: Disclosure;
  /** The document's consistency findings (⚠ notes are those about a figure shown). */
  findings: AnswerFinding[];
  /** Which of 预算 / 决算 are stored for the department-year (预算 first). */
  bases?: DisclosureBasis[];
}

/** needs "years" / "departments": several documents, each with its own findings. */
export interface SeveralDocuments {
  docs: Disclosure[];
  /** The consistency findings of one of `docs` (⚠ notes compare places within one document). */
  findingsOf: (doc: Disclosure) => AnswerFinding[];
}

/** needs "years": one department's documents, one per year and basis, ascending by year (预算 first). */
export interface DepartmentYears extends SeveralDocuments {
  department: string;
}

/** needs "departments": one document per department for one year (and basis). */
export interface YearDepartments extends SeveralDocuments {
  year: number;
  /** The basis asked for; absent: each department's 预算, else its 决算. */
  basis?: DisclosureBasis;
}

/** What gather.ts reads for each need, tagged with it. */
export type Gathered =
  | ({ needs: "document" } & OneDocument)
  | ({ needs: "years" } & DepartmentYears)
  | ({ needs: "departments" } & YearDepartments);

/** What every answer receives besides its documents. */
export interface Asked<K extends TopicKind> extends Paging {
  topic: AskedTopic<K>;
  /** The topic's title (its definition's `title` of the asked topic), for headings. */
  title: string;
}

export interface DocumentInput<K extends TopicKind = TopicKind> extends Asked<K>, OneDocument {}
export interface YearsInput<K extends TopicKind = TopicKind> extends Asked<K>, DepartmentYears {}
export interface DepartmentsInput<K extends TopicKind = TopicKind> extends Asked<K>, YearDepartments {}

/** The input of a topic of kind K that needs N. */
export type TopicInput<K extends TopicKind, N extends TopicNeeds> = {
  document: DocumentInput<K>;
  years: YearsInput<K>;
  departments: DepartmentsInput<K>;
}[N];

/** A registered topic: what it is called, what it reads, and how it answers (pure). */
export interface TopicDef<K extends TopicKind, N extends TopicNeeds> {
  kind: K;
  /** Chinese title for headings, e.g. "“三公”经费", "公务接待费" for the 接待 part. */
  title: (topic: AskedTopic<K>) => string;
  needs: N;
  answer: (input: TopicInput<K, N>) => Reply;
}

/** A topic of kind K, whatever it needs (the registry's entry type). */
export type AnyTopicDef<K extends TopicKind> = {
  [N in TopicNeeds]: TopicDef<K, N>;
}[TopicNeeds];

/** Declare a topic (identity; keeps the kind and the need so the input is typed). */
export function defineTopic<K extends TopicKind, N extends TopicNeeds>(def: TopicDef<K, N>): TopicDef<K, N> {
  return def;
}
