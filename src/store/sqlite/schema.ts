/**
 * The SQLite schema, one DDL script per version. Money is always stored twice: the text as
 * printed (`*_text`) and exact integer 分 (`*_fen`, hundredths of 元; versions 1–4 stored integer
 * 元 in `*_yuan`, version 5 converts). A NULL `*_text` means the document left the cell blank
 * (未列示); a non-NULL text with NULL fen means something printed that is not a plain amount
 * (e.g. "——"). Every figure keeps its own unit, section and line for provenance.
 */

/**
 * Columns that hold one Figure under a prefix, as version 1 created them (budget_text,
 * budget_yuan, …); version 5 renames `*_yuan` to `*_fen`.
 */
function figureColumns(prefix: string): string {
  return [
    `${prefix}_text TEXT`,
    `${prefix}_yuan INTEGER`,
    `${prefix}_unit TEXT`,
    `${prefix}_section TEXT`,
    `${prefix}_line INTEGER`,
  ].join(",\n  ");
}

/** Version 1: every table of a parsed disclosure, with the indexes the cascading deletes need. */
export const SCHEMA_V1 = `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  department_name TEXT NOT NULL,
  department_code TEXT,
  department_given INTEGER NOT NULL CHECK (department_given IN (0, 1)),
  department_known INTEGER NOT NULL CHECK (department_known IN (0, 1)),
  year INTEGER,
  kind TEXT NOT NULL,
  region TEXT,
  procurement_title_line INTEGER,
  assets_as_of TEXT,
  ingested_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  nature TEXT,
  rank TEXT,
  funding TEXT,
  line INTEGER NOT NULL
);
CREATE INDEX units_doc ON units(doc_id, ord);

CREATE TABLE std_tables (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  unit TEXT NOT NULL,
  line INTEGER NOT NULL,
  note TEXT,
  columns_json TEXT NOT NULL
);
CREATE INDEX std_tables_doc ON std_tables(doc_id, ord);

CREATE TABLE std_rows (
  id INTEGER PRIMARY KEY,
  table_id INTEGER NOT NULL REFERENCES std_tables(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  side TEXT,
  seq INTEGER,
  code TEXT,
  name TEXT NOT NULL,
  level INTEGER,
  line INTEGER NOT NULL
);
CREATE INDEX std_rows_table ON std_rows(table_id, ord);

CREATE TABLE std_values (
  row_id INTEGER NOT NULL REFERENCES std_rows(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  ${figureColumns("value")},
  PRIMARY KEY (row_id, ord)
);

CREATE TABLE narrative (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  ${figureColumns("value")},
  direction INTEGER,
  sentence TEXT NOT NULL
);
CREATE INDEX narrative_doc ON narrative(doc_id, ord);

CREATE TABLE projects (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  seq INTEGER,
  title TEXT NOT NULL,
  name TEXT NOT NULL,
  code TEXT,
  ${figureColumns("budget")},
  ${figureColumns("fiscal")},
  ${figureColumns("other")},
  purpose TEXT,
  goal TEXT,
  line INTEGER NOT NULL,
  section TEXT NOT NULL
);
CREATE INDEX projects_doc ON projects(doc_id, ord);

CREATE TABLE plan_points (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  label TEXT NOT NULL,
  text TEXT NOT NULL,
  unit TEXT NOT NULL,
  yuan INTEGER,
  basis_points INTEGER,
  line INTEGER NOT NULL,
  PRIMARY KEY (project_id, ord)
);

CREATE TABLE indicators (
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  level1 TEXT,
  level2 TEXT,
  level3 TEXT,
  description TEXT,
  value TEXT,
  basis TEXT,
  line INTEGER NOT NULL,
  PRIMARY KEY (project_id, ord)
);

CREATE TABLE procurement (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('total', 'subtotal', 'item')),
  project_name TEXT,
  ${figureColumns("project_budget")},
  item TEXT,
  catalog_code TEXT,
  measure_unit TEXT,
  quantity TEXT,
  ${figureColumns("unit_price")},
  line INTEGER NOT NULL
);
CREATE INDEX procurement_doc ON procurement(doc_id, ord);

CREATE TABLE procurement_amounts (
  procurement_id INTEGER NOT NULL REFERENCES procurement(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  ${figureColumns("value")},
  PRIMARY KEY (procurement_id, ord)
);

CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  quantity TEXT,
  ${figureColumns("value")},
  line INTEGER NOT NULL
);
CREATE INDEX assets_doc ON assets(doc_id, ord);

CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  message TEXT NOT NULL,
  line INTEGER
);
CREATE INDEX warnings_doc ON warnings(doc_id, ord);
`;

/**
 * Version 2: a digest of the whole parsed document (so a re-ingest with a new sidecar or an
 * improved parser replaces stale rows even when the file bytes are unchanged), and the lookup
 * indexes for department / year / project-name queries.
 */
export const SCHEMA_V2 = `
ALTER TABLE documents ADD COLUMN digest TEXT;
CREATE INDEX documents_department_year ON documents(department_name, year);
CREATE INDEX documents_code_year ON documents(department_code, year);
CREATE INDEX documents_year ON documents(year);
CREATE INDEX projects_name ON projects(name);
CREATE INDEX projects_code ON projects(code);
CREATE INDEX procurement_project ON procurement(doc_id, project_name);
CREATE INDEX narrative_key ON narrative(key);
CREATE INDEX std_tables_kind ON std_tables(kind);
`;

/** Every column that holds money, as [table, column prefix] (the column is `<prefix>_yuan|fen`). */
const MONEY_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ["std_values", "value"],
  ["narrative", "value"],
  ["projects", "budget"],
  ["projects", "fiscal"],
  ["projects", "other"],
  ["procurement", "project_budget"],
  ["procurement", "unit_price"],
  ["procurement_amounts", "value"],
  ["assets", "value"],
];

/** The largest |元| whose 分 still fits a JavaScript safe integer (2^53 − 1 分). */
const MAX_SAFE_YUAN = Math.floor(Number.MAX_SAFE_INTEGER / 100);

/** SQL that renames an integer-元 column to its 分 name and multiplies its values by 100. */
function yuanToFen(table: string, from: string, to: string): string {
  // A value whose 分 would not be a safe integer becomes NULL ("not a plain amount"), exactly as
  // parsing its printed text again would give; budgets are far below that bound.
  return [
    `ALTER TABLE ${table} RENAME COLUMN ${from} TO ${to};`,
    `UPDATE ${table} SET ${to} = CASE WHEN abs(${to}) <= ${MAX_SAFE_YUAN} THEN ${to} * 100 ELSE NULL END WHERE ${to} IS NOT NULL;`,
  ].join("\n");
}

/**
 * Version 5: money in integer 分 instead of integer 元 (a 元 figure with cents, 6429768.84元, is
 * exact). Every `*_yuan` column becomes `*_fen` (plan_points.yuan becomes fen) with its values
 * ×100. Stored findings hold 元 amounts, so they are dropped and recomputed on first use.
 */
export const SCHEMA_V5_FEN = [
  ...MONEY_COLUMNS.map(([t, p]) => yuanToFen(t, `${p}_yuan`, `${p}_fen`)),
  yuanToFen("plan_points", "yuan", "fen"),
  "DELETE FROM findings_cache;",
].join("\n");

/**
 * Version 6: whether a document discloses the year's 预算 or its 决算 (existing documents are all
 * 预算: 决算 files were not recognised before), so the two are never mixed for one year.
 */
export const SCHEMA_V6_BASIS = `
ALTER TABLE documents ADD COLUMN basis TEXT NOT NULL DEFAULT 'budget' CHECK (basis IN ('budget', 'final'));
CREATE INDEX documents_department_year_basis ON documents(department_name, year, basis);
`;

/** Columns that hold one Figure under a prefix, as tables created from version 5 on hold them (`*_fen`). */
function fenFigureColumns(prefix: string): string {
  return figureColumns(prefix).replace(`${prefix}_yuan`, `${prefix}_fen`);
}

/**
 * Version 8 (issue 10, the national template): what a narrative fact may state besides its figure
 * (share, comparison, prior-year figure, 功能分类 subject, fund scope), the facts a document says do
 * not apply (不适用), every stated figure no reader classified (narrative sentences, table cells),
 * and the counts the narrative states (车辆, 设备, 绩效目标项目).
 */
export const SCHEMA_V8_TEMPLATE = `
ALTER TABLE narrative ADD COLUMN share_bp INTEGER;
ALTER TABLE narrative ADD COLUMN subject TEXT;
ALTER TABLE narrative ADD COLUMN scope TEXT;
ALTER TABLE narrative ADD COLUMN change_direction INTEGER;
${["text", "fen", "unit", "section", "line"].map((c) => `ALTER TABLE narrative ADD COLUMN change_${c} ${c === "fen" || c === "line" ? "INTEGER" : "TEXT"};`).join("\n")}
ALTER TABLE narrative ADD COLUMN change_percent_bp INTEGER;
ALTER TABLE narrative ADD COLUMN change_basis TEXT;
ALTER TABLE narrative ADD COLUMN change_year INTEGER;
ALTER TABLE narrative ADD COLUMN prior_basis TEXT;
ALTER TABLE narrative ADD COLUMN prior_year INTEGER;
${["text", "fen", "unit", "section", "line"].map((c) => `ALTER TABLE narrative ADD COLUMN prior_${c} ${c === "fen" || c === "line" ? "INTEGER" : "TEXT"};`).join("\n")}

CREATE TABLE not_applicable (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  sentence TEXT NOT NULL,
  section TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE INDEX not_applicable_doc ON not_applicable(doc_id, ord);

CREATE TABLE stated_figures (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('narrative', 'table')),
  label TEXT NOT NULL,
  context TEXT NOT NULL,
  ${fenFigureColumns("value")}
);
CREATE INDEX stated_figures_doc ON stated_figures(doc_id, ord);

CREATE TABLE narrative_counts (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  text TEXT NOT NULL,
  value INTEGER NOT NULL,
  unit TEXT NOT NULL,
  sentence TEXT NOT NULL,
  section TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE INDEX narrative_counts_doc ON narrative_counts(doc_id, ord);
`;

/** Every table the store owns, parents before children (for dumps and checks). */
export const TABLES = [
  "documents",
  "units",
  "std_tables",
  "std_rows",
  "std_values",
  "narrative",
  "projects",
  "plan_points",
  "indicators",
  "procurement",
  "procurement_amounts",
  "assets",
  "warnings",
  "not_applicable",
  "stated_figures",
  "narrative_counts",
  "document_texts",
] as const;

/** A table name the store owns. */
export type TableName = (typeof TABLES)[number];

/**
 * Version 5 of the schema: the delivery table, and subscriptions without the SQL CHECK on platform
 * names (the registry validates them; a new platform needs no migration). SQLite cannot drop a CHECK,
 * so both tables are rebuilt: new copies first, then the old ones dropped (job_runs before
 * subscriptions, so no cascade deletes a run), then the copies renamed (which rewrites the foreign key).
 */
export const SCHEMA_V7_DELIVERIES = `
CREATE TABLE deliveries (
  platform TEXT NOT NULL,
  event_id TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;
CREATE INDEX deliveries_seen ON deliveries(seen_at);

CREATE TABLE subscriptions_v5 (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  team_id TEXT,
  departments_json TEXT NOT NULL,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO subscriptions_v5 SELECT id, platform, chat_id, team_id, departments_json, schedule, timezone, created_by, created_at FROM subscriptions;

CREATE TABLE job_runs_v5 (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions_v5(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  next_attempt_at TEXT,
  posted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (subscription_id, period)
);
INSERT INTO job_runs_v5 SELECT id, subscription_id, period, status, attempts, error, claimed_by, claimed_at, next_attempt_at, posted_at, created_at, updated_at FROM job_runs;

DROP TABLE job_runs;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_v5 RENAME TO subscriptions;
ALTER TABLE job_runs_v5 RENAME TO job_runs;
CREATE INDEX subscriptions_chat ON subscriptions(platform, chat_id);
`;

/** Version 4 of the schema: the findings cache. */
export const SCHEMA_V4_FINDINGS = `
CREATE TABLE findings_cache (
  doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  findings_json TEXT NOT NULL
);
`;

/** Version 3 of the schema: subscriptions and their recorded runs (schema 5 drops the platform CHECK). */
export const SCHEMA_V3_SUBSCRIPTIONS = `
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'telegram')),
  chat_id TEXT NOT NULL,
  team_id TEXT,
  departments_json TEXT NOT NULL,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX subscriptions_chat ON subscriptions(platform, chat_id);

CREATE TABLE job_runs (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  next_attempt_at TEXT,
  posted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (subscription_id, period)
);
`;

/**
 * Version 9: where each ordinal line of a document is in the document's own terms (PDF page,
 * sheet and row, table and row), as JSON `{ "<line>": Place }`; NULL for text files, whose
 * ordinals are their line numbers.
 */
export const SCHEMA_V9_PLACES = `
ALTER TABLE documents ADD COLUMN places_json TEXT;
`;

/**
 * Version 10 of the schema: when a run's post was handed to the platform (`sending_at`, NULL when
 * no send is in flight). A claim left with it set had a send whose outcome is unknown.
 */
export const SCHEMA_V10_SENDING = `
ALTER TABLE job_runs ADD COLUMN sending_at TEXT;
`;

/**
 * Version 11: every spelling of a department name a file printed (`中国共产党江苏省委员会办公厅`),
 * the stored department it was joined to, and the file that printed it (issue 17).
 */
export const SCHEMA_V11_DEPARTMENT_ALIASES = `
CREATE TABLE department_aliases (
  alias TEXT PRIMARY KEY,
  department_name TEXT NOT NULL,
  file TEXT NOT NULL
);
CREATE INDEX department_aliases_department ON department_aliases(department_name);
`;

/** Version 12: the document's paragraphs (目录, headings, titles, unit lines, sentences) for the checks that read words. */
export const SCHEMA_V12_TEXTS = `
CREATE TABLE document_texts (
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  text TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE INDEX document_texts_doc ON document_texts(doc_id, ord);
`;

/**
 * Version 13: subscription ids are never reused (`AUTOINCREMENT`; without it SQLite hands the id of a
 * deleted last row to the next insert, so `digest unsubscribe 3` could later name someone else's
 * subscription). SQLite cannot add AUTOINCREMENT in place, so both tables are rebuilt as in version
 * 7: copies first, job_runs dropped before subscriptions (no cascade deletes a run), copies renamed
 * (which rewrites job_runs' foreign key). The sequence starts at the highest id ever kept, so ids
 * stay as they were.
 */
export const SCHEMA_V13_SUBSCRIPTION_IDS = `
CREATE TABLE subscriptions_v13 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  team_id TEXT,
  departments_json TEXT NOT NULL,
  schedule TEXT NOT NULL,
  timezone TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO subscriptions_v13 SELECT id, platform, chat_id, team_id, departments_json, schedule, timezone, created_by, created_at FROM subscriptions;

CREATE TABLE job_runs_v13 (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions_v13(id) ON DELETE CASCADE,
  period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  claimed_by TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  next_attempt_at TEXT,
  posted_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sending_at TEXT,
  UNIQUE (subscription_id, period)
);
INSERT INTO job_runs_v13 SELECT id, subscription_id, period, status, attempts, error, claimed_by, claimed_at, next_attempt_at, posted_at, created_at, updated_at, sending_at FROM job_runs;

DROP TABLE job_runs;
DROP TABLE subscriptions;
ALTER TABLE subscriptions_v13 RENAME TO subscriptions;
ALTER TABLE job_runs_v13 RENAME TO job_runs;
CREATE INDEX subscriptions_chat ON subscriptions(platform, chat_id);
`;

/** Version 14: who sent a document in chat, from which chat, and when (issue 23). */
export const SCHEMA_V14_DOCUMENT_SOURCES = `
CREATE TABLE document_sources (
  doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  platform TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  team_id TEXT,
  sent_at TEXT NOT NULL
);
`;
