/**
 * The storage ports: everything above store/ reads and writes through these Promise-based
 * repositories, never through a database handle. SQLite implements them (store/sqlite/, the
 * embedded default); PostgreSQL (issue 22) implements the same interfaces. Types only: no SQL,
 * no driver import.
 */
import type { Finding } from "../domain/findings.js";
import type {
  Disclosure,
  DisclosureBasis,
  DisclosureKind,
  MoneyUnit,
  PlaceIndex,
  ProcurementRow,
  Project,
} from "../domain/types.js";

/** A stored row as the dump shows it (column → value), for tests and diagnostics. */
export type StoredRow = Record<string, unknown>;

/** Which chat a subscription belongs to. */
export interface ChatRef {
  /** A platform name from the adapter registry (stored as data; since schema 7 no SQL CHECK). */
  platform: string;
  chatId: string;
  /** Slack team id; null/undefined on Telegram. */
  teamId?: string | null;
}

/** A stored subscription. */
export interface Subscription extends ChatRef {
  id: number;
  teamId: string | null;
  /** Resolved department names; empty = every department. */
  departments: string[];
  /** 5-field cron expression. */
  schedule: string;
  /** IANA time zone the schedule is read in. */
  timezone: string;
  createdBy: string;
  /** ISO time of creation. */
  createdAt: string;
}

/** What /subscribe stores. */
export type NewSubscription = Omit<Subscription, "id">;

/** Status of one recorded run. */
export type RunStatus = "claimed" | "posted" | "failed";

/** One row of job_runs. */
export interface JobRun {
  id: number;
  subscriptionId: number;
  /** The scheduled slot, ISO UTC. */
  period: string;
  status: RunStatus;
  /** Post attempts started so far. */
  attempts: number;
  error: string | null;
  claimedBy: string;
  claimedAt: string;
  /** When a failed run may be tried again; null when it will not be. */
  nextAttemptAt: string | null;
  postedAt: string | null;
  /** When the post was handed to the platform; set while a send is in flight (its outcome unknown if the process ended). */
  sendingAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How a claim was won. */
export type ClaimResult = { run: JobRun; how: "new" | "retry" | "stale" } | null;

/** How many rows of each part a stored document has. */
export interface DocumentCounts {
  tables: number;
  narrative: number;
  projects: number;
  /** All 政府采购 rows (合计, 小计 and items). */
  procurement: number;
  /** 政府采购 purchase lines only (kind "item"). */
  procurementItems: number;
  assets: number;
  units: number;
  warnings: number;
}

/** One stored document, without its rows. */
export interface DocumentInfo {
  id: number;
  file: string;
  sha256: string;
  department: {
    /** As stored: the page's (or given) name, or 未知单位（file） when none was stated. */
    name: string;
    code: string | null;
    /** True when the name came from a sidecar/flag rather than the page. */
    given: boolean;
    /** False when the document states no department and none was given. */
    known: boolean;
  };
  year: number | null;
  kind: DisclosureKind;
  /** 预算 or 决算. */
  basis: DisclosureBasis;
  region: string | null;
  procurementTitleLine: number | null;
  assetsAsOf: string | null;
  ingestedAt: string;
  updatedAt: string;
  counts: DocumentCounts;
}

/** A department with the years and documents stored for it. */
export interface DepartmentInfo {
  name: string;
  /** The code of its most recent document that states one. */
  code: string | null;
  known: boolean;
  /** Distinct stated years, ascending. */
  years: number[];
  documents: Array<{ id: number; file: string; year: number | null; basis: DisclosureBasis }>;
}

/** One year's share of a set of projects: how many, the exact sum of their 预算数 and its unit. */
export interface ProjectYearSum {
  year: number | null;
  count: number;
  /** Exact 分; null when any of the year's projects states no 预算数. */
  sum: number | null;
  /** The unit their 预算数 share; null when they differ. */
  unit: MoneyUnit | null;
}

/** Which document a row belongs to. */
export interface DocumentRef {
  docId: number;
  file: string;
  department: string;
  departmentCode: string | null;
  year: number | null;
  /** Where the document's lines are (PDF page, sheet row, table row); absent for text files. */
  places?: PlaceIndex;
}

/** A stored project with its plan and indicators and the document it belongs to. */
export interface ProjectRecord extends Project, DocumentRef {
  id: number;
}

/** A stored 政府采购 row. */
export interface ProcurementRecord extends ProcurementRow {
  id: number;
  docId: number;
  /** projectName, or for an item row left blank (merged cell) the name of the row above. */
  effectiveProjectName: string | null;
}

/** A project with the procurement rows of its document that name it. */
export interface ProjectDetail extends ProjectRecord {
  procurement: ProcurementRecord[];
  /** "exact": names equal ignoring whitespace; "normalized": equal after dropping 年度 prefix / 项目 suffix. */
  procurementMatch: "exact" | "normalized" | "none";
}

/** One line of `export projects`. */
export interface ExportProjectRow {
  department: string;
  departmentCode: string | null;
  year: number | null;
  code: string | null;
  name: string;
  budgetText: string | null;
  budgetFen: number | null;
  fiscalText: string | null;
  fiscalFen: number | null;
  /** Unit of the printed budget/fiscal text (万元 in every seed). */
  unit: MoneyUnit | null;
  file: string;
  line: number;
}

/** What saveDisclosure did with a document. */
export type SaveStatus = "added" | "replaced" | "unchanged";

/** The outcome of saving one document. */
export interface SaveResult {
  status: SaveStatus;
  docId: number;
}

/** Options for saveDisclosure; `now` is injectable so tests can pin timestamps. */
export interface SaveOptions {
  now?: () => string;
}

/** Findings to store with a saved disclosure: computed only when the stored ones are absent or stale. */
export interface FindingsToSave {
  /** The rule-set version the findings are computed under (checks' RULES_VERSION). */
  rulesVersion: string;
  /** Run every rule on the document (called at most once, inside the save). */
  compute: () => Finding[];
}

/** Who sent a document in chat, from which chat, and when (documents from the CLI have none). */
export interface DocumentSource {
  platform: string;
  userId: string;
  chatId: string;
  teamId: string | null;
  /** ISO time the file was received. */
  at: string;
}

/** Ingested disclosures: what is stored, the documents themselves, and the department spellings. */
export interface DisclosureRepository {
  /** Every stored department with its years and documents. */
  departments(): Promise<DepartmentInfo[]>;
  /** Every stored document (without its rows), in department, year, file order. */
  documents(): Promise<DocumentInfo[]>;
  /** The documents of one department-year-basis, oldest ingest first. */
  documentsOfYear(department: string, year: number | null, basis: DisclosureBasis): Promise<DocumentInfo[]>;
  /** The stored document of a file name, or null. */
  documentByFile(file: string): Promise<DocumentInfo | null>;
  /** Another stored file with exactly these bytes, or null. */
  fileWithSameBytes(sha256: string, exceptFile: string): Promise<string | null>;
  /** One stored document rebuilt as a Disclosure, or null. */
  disclosure(docId: number): Promise<Disclosure | null>;
  /**
   * Save a parsed disclosure (idempotent, keyed by file name) in ONE transaction with its search
   * index rows and, when given, its findings: all of it or nothing.
   */
  save(d: Disclosure, options?: SaveOptions & { findings?: FindingsToSave }): Promise<SaveResult>;
  /** Every department name documents are stored under. */
  departmentNames(): Promise<string[]>;
  /** The stored department a printed spelling was joined to, or null. */
  aliasTarget(alias: string): Promise<string | null>;
  /** Record that `file` printed `alias` for `department` (the first department recorded stays). */
  recordAlias(alias: string, department: string, file: string): Promise<void>;
  /** The printed spellings of each stored department. */
  aliasesByDepartment(): Promise<Map<string, string[]>>;
  /** Remember who sent a stored document (replaces what was remembered). */
  recordSource(docId: number, source: DocumentSource): Promise<void>;
  /** Who sent each of these documents, for those sent in chat. */
  sources(docIds: readonly number[]): Promise<Map<number, DocumentSource>>;
  /** One stored document by id, or null. */
  documentById(docId: number): Promise<DocumentInfo | null>;
  /**
   * Remove a stored document with its rows, findings and search index entries (one transaction);
   * the removed document, or null when there is none with this id. The change port's version
   * changes, so catalogs over this store reload.
   */
  remove(docId: number): Promise<DocumentInfo | null>;
  /** Every project of every document, flattened for `bot export projects`. */
  exportProjects(): Promise<ExportProjectRow[]>;
  /** Every stored row of every table (tests, diagnostics). */
  dump(): Promise<Record<string, StoredRow[]>>;
}

/** The project search index and the project reads of /project. */
export interface ProjectIndexRepository {
  /** Ids of the ranked matches of a query (nothing but the index is read). */
  searchIds(query: string, opts: { department?: string; year?: number; limit?: number }): Promise<number[]>;
  /** The projects with these ids, in the given order (without procurement rows). */
  byIds(ids: readonly number[]): Promise<ProjectRecord[]>;
  /** The given projects by year: count, exact 预算数 sum (null when one states none), shared unit. */
  sumsByYear(ids: readonly number[]): Promise<ProjectYearSum[]>;
  /** One project with its matched procurement rows, or null. */
  project(id: number): Promise<ProjectDetail | null>;
  /** The procurement rows of the project's document that name it (empty when none or no such project). */
  procurementFor(projectId: number): Promise<ProcurementRecord[]>;
}

/** Consistency findings stored with each document at ingest. */
export interface FindingsRepository {
  /** The stored findings of a document, or null when none are stored for this content and rule set. */
  load(docId: number, sha256: string, rulesVersion: string): Promise<Finding[] | null>;
  /** Store (replace) the findings of a document. */
  save(docId: number, sha256: string, rulesVersion: string, findings: Finding[]): Promise<void>;
  /** Ids of the documents whose stored findings are absent or not of this rule set / content. */
  stale(rulesVersion: string): Promise<number[]>;
}

/** Weekly summary subscriptions. */
export interface SubscriptionRepository {
  insert(s: NewSubscription): Promise<Subscription>;
  get(id: number): Promise<Subscription | null>;
  /** Every subscription (of one chat when given), oldest first. */
  list(chat?: ChatRef): Promise<Subscription[]>;
  /** Remove one of the chat's subscriptions; false when the chat has none with that id. */
  remove(id: number, chat: ChatRef): Promise<boolean>;
}

/** One run per subscription and slot: the exactly-once claim of a weekly post. */
export interface JobRunRepository {
  get(subscriptionId: number, period: string): Promise<JobRun | null>;
  /** Every run (of one subscription when given), newest slot first. */
  list(subscriptionId?: number): Promise<JobRun[]>;
  /**
   * Claim a slot for `owner` atomically: a new slot, a failed one due again, or a claimed one older
   * than `staleBefore`. Null when another process holds or finished it.
   */
  claim(p: {
    subscriptionId: number;
    period: string;
    owner: string;
    at: string;
    staleBefore: string;
  }): Promise<ClaimResult>;
  /** Record that the post is being handed to the platform; false when the claim was lost. */
  markSending(runId: number, owner: string, at: string): Promise<boolean>;
  markPosted(runId: number, owner: string, at: string): Promise<boolean>;
  markFailed(
    runId: number,
    owner: string,
    p: { at: string; error: string; nextAttemptAt: string | null; sendingAt?: string | null },
  ): Promise<boolean>;
  /** When the subscription's last summary before `period` was posted (ISO), or null. */
  lastPostedAt(subscriptionId: number, period: string): Promise<string | null>;
}

/** Chat delivery dedupe: a redelivered event is answered once, across processes and restarts. */
export interface DeliveryRepository {
  /** True the first time (platform, eventId) is recorded since `windowStart` (ISO); older rows are pruned. */
  firstTime(p: { platform: string; eventId: string; at: string; windowStart: string }): Promise<boolean>;
  /** How many deliveries are remembered (tests, diagnostics). */
  count(platform?: string): Promise<number>;
}

/** Noticing what other processes wrote (a `bot ingest` beside the running bot). */
export interface ChangesRepository {
  /**
   * A token that differs after another process committed to the store; equal tokens mean nothing
   * changed elsewhere. Writes through this store are known to the caller and need not change it.
   */
  version(): Promise<string>;
}

/** The whole store. */
export interface Store {
  readonly disclosures: DisclosureRepository;
  readonly projects: ProjectIndexRepository;
  readonly findings: FindingsRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly jobRuns: JobRunRepository;
  readonly deliveries: DeliveryRepository;
  readonly changes: ChangesRepository;
  /** Close the store; safe to call twice. */
  close(): Promise<void>;
}
