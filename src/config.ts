/**
 * Configuration from the environment, parsed with zod: the bot's own variables plus every
 * registered platform's schema (platforms/index.ts). `.env.example` is generated from the same
 * schemas (`bot manifest env`; a test fails when they drift apart). A bad value gives one clear
 * line, not a stack trace.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { documented, envList, optionalText, port } from "./config-fields.js";
import { validateSchedule } from "./digest/schedule.js";
import { UserError } from "./domain/errors.js";
import { issueMessage } from "./domain/issues.js";
import { PLATFORM_INFOS as PLATFORMS } from "./platforms/index.js";
import { isPostgresUrl } from "./store/postgres/url.js";

/** Milliseconds, optional (blank = the built-in default). */
const optionalMs = optionalText.pipe(z.coerce.number<string | undefined>().int().min(0).optional());

/** The PDF reader's tuning: read by `npm start` (the first-start ingest) and `bot ingest` alike. */
const PdfReaderSchema = z.object({
  BUDGET_PDF_IDLE_MS: documented(optionalMs, {
    doc: "Milliseconds the PDF reader's worker waits for the next PDF before it ends (default 1000).",
  }),
  BUDGET_PDF_DEADLINE_MS: documented(optionalMs, {
    doc: "Milliseconds one PDF may take; then its worker is ended and the file reported (default 180000).",
  }),
});

/** The bot's own variables, by .env.example section. */
const BASE_SECTIONS = [
  {
    title: "Storage",
    schema: z.object({
      BUDGET_DB: documented(z.string().default("data/budget.db"), {
        doc: "SQLite database file (created and migrated on start); a postgres:// URL names PostgreSQL (issue 22, not complete yet).",
        example: "data/budget.db",
      }),
      BUDGET_DATA_DIR: documented(z.string().default("data"), {
        doc: "Folder of disclosures ingested on first start when the database is empty.",
        example: "data",
      }),
      LOG_LEVEL: documented(z.enum(["debug", "info", "warn", "error"]).default("info"), {
        doc: "debug | info | warn | error",
        example: "info",
      }),
    }),
  },
  {
    title: "HTTP (one server for every platform in HTTP mode; each serves its own path, see README)",
    schema: z.object({
      PORT: documented(port(3000), {
        doc: "HTTP port of the shared server (0 = any free port).",
        example: "3000",
      }),
    }),
  },
  {
    title: "Access",
    schema: z.object({
      ADMIN_USERS: documented(envList, {
        doc: "platform:user-id entries allowed to run commands that change state, e.g. <platform>:<user id>\n(platform = its registry name; comma-separated; empty = everyone)",
      }),
      INGEST_USERS: documented(envList, {
        doc: "platform:user-id entries allowed to send files for the bot to read and store\n(comma-separated; empty = the ADMIN_USERS rule)",
      }),
      INGEST_CHATS: documented(envList, {
        doc: "platform:chat-id entries of group chats where files are read without mentioning the bot\n(comma-separated; elsewhere in groups a file needs a mention)",
      }),
    }),
  },
  {
    title: "Weekly summaries",
    schema: z.object({
      DIGEST_TIMEZONE: documented(z.string().default("Asia/Shanghai"), {
        doc: "IANA time zone schedules are read in.",
        example: "Asia/Shanghai",
      }),
      DIGEST_DEFAULT_SCHEDULE: documented(z.string().default("0 9 * * 1"), {
        doc: "Default cron schedule of a new subscription (minute hour day month weekday): Monday 09:00.",
        example: "0 9 * * 1",
      }),
    }),
  },
  { title: "PDF reading (for slow machines)", schema: PdfReaderSchema },
] as const;

const BaseSchema = z.object({
  ...BASE_SECTIONS[0].schema.shape,
  ...BASE_SECTIONS[1].schema.shape,
  ...BASE_SECTIONS[2].schema.shape,
  ...BASE_SECTIONS[3].schema.shape,
  ...BASE_SECTIONS[4].schema.shape,
});

/** The environment variables the bot reads: its own and every registered platform's. */
export const ConfigSchema = BaseSchema.extend(
  Object.assign({}, ...PLATFORMS.map((p) => p.config.shape)) as Record<string, z.ZodType>,
);

/** Parsed configuration: the bot's own fields typed; platform fields are read by their platform. */
export type Config = z.infer<typeof BaseSchema> & Record<string, unknown>;

/** A configuration problem, with a one-line Chinese message per bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** One line for a bad variable: what was given, what is wrong, what to type instead (its .env.example value). */
function badVariable(name: string, given: string | undefined, why: string): string {
  const chars = [...(given ?? "")];
  const shown =
    given === undefined ? "" : `=${chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : given}`;
  const field = Object.hasOwn(ConfigSchema.shape, name)
    ? ConfigSchema.shape[name as keyof typeof ConfigSchema.shape]
    : undefined;
  const example = ((field as z.ZodType | undefined)?.meta() as { example?: string } | undefined)?.example;
  return `${name}${shown} 无效：${why}${example ? `，例如 ${name}=${example}` : ""}`;
}

/** Checks zod cannot express: the values must work, not only parse. One message per bad variable. */
function semanticProblems(c: Config, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  let zoneOk = true;
  try {
    new Intl.DateTimeFormat("zh-CN", { timeZone: c.DIGEST_TIMEZONE });
  } catch {
    zoneOk = false;
    problems.push(
      badVariable("DIGEST_TIMEZONE", env.DIGEST_TIMEZONE, "不是已知的时区名（IANA 时区，如 Asia/Shanghai）"),
    );
  }
  if (zoneOk) {
    try {
      validateSchedule(c.DIGEST_DEFAULT_SCHEDULE, c.DIGEST_TIMEZONE, new Date());
    } catch (err) {
      const why = err instanceof UserError ? err.message.replace(/^时间表“.*”(?:无效：)?/, "") : "无法解析";
      problems.push(
        badVariable(
          "DIGEST_DEFAULT_SCHEDULE",
          env.DIGEST_DEFAULT_SCHEDULE,
          `${why}（cron 为 5 段：分 时 日 月 周）`,
        ),
      );
    }
  }
  if (c.BUDGET_DB !== ":memory:" && !isPostgresUrl(c.BUDGET_DB)) {
    const parent = dirname(resolve(c.BUDGET_DB));
    if (!existsSync(parent) || !statSync(parent).isDirectory()) {
      problems.push(
        badVariable(
          "BUDGET_DB",
          env.BUDGET_DB,
          `文件夹 ${parent} 不存在（不会自动创建，请先建好或换个路径）`,
        ),
      );
    }
  }
  return problems;
}

/** Validator issues in Chinese, one line per variable (domain/issues.ts). */
function invalid(error: z.ZodError, env: NodeJS.ProcessEnv): ConfigError {
  const lines = error.issues.map((i) => {
    const name = String(i.path[0] ?? "");
    return badVariable(name, env[name], issueMessage(i, new Map([[name, ""]])));
  });
  return new ConfigError(`配置有误：${[...new Set(lines)].join("；")}`);
}

/** Parse the environment without the start-up consistency checks (the CLI's posting needs only tokens). */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) throw invalid(r.error, env);
  return r.data as Config;
}

/** The PDF reader's options set in the configuration, or null when none is (the defaults apply). */
export function pdfReaderOptions(
  c: Pick<Config, "BUDGET_PDF_IDLE_MS" | "BUDGET_PDF_DEADLINE_MS">,
): { idleMs?: number; deadlineMs?: number } | null {
  const idle = c.BUDGET_PDF_IDLE_MS;
  const deadline = c.BUDGET_PDF_DEADLINE_MS;
  if (idle === undefined && deadline === undefined) return null;
  return {
    ...(idle !== undefined ? { idleMs: idle } : {}),
    ...(deadline !== undefined ? { deadlineMs: deadline } : {}),
  };
}

/** The PDF reader's options from the environment alone (`bot ingest` needs no other variable). */
export function pdfReaderOptionsFromEnv(env: NodeJS.ProcessEnv): ReturnType<typeof pdfReaderOptions> {
  const r = PdfReaderSchema.safeParse(env);
  if (!r.success) throw invalid(r.error, env);
  return pdfReaderOptions(r.data);
}

/**
 * Parse the environment and run the start-up checks (schedule, time zone, database folder, every
 * platform's own); throws ConfigError naming each problem.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const c = parseConfig(env);
  const problems = [...semanticProblems(c, env), ...PLATFORMS.flatMap((p) => p.check?.(c) ?? [])];
  if (problems.length > 0) throw new ConfigError(`配置有误：${problems.join("；")}`);
  return c;
}

/** Is this platform user an admin? Empty ADMIN_USERS means everyone. Entries look like "slack:U123". */
export function isAdminUser(config: Pick<Config, "ADMIN_USERS">, platform: string, userId: string): boolean {
  if (config.ADMIN_USERS.length === 0) return true;
  return config.ADMIN_USERS.includes(`${platform}:${userId}`);
}

/** May this platform user send files to be stored? INGEST_USERS when set, else the ADMIN_USERS rule. */
export function mayIngest(
  config: Pick<Config, "ADMIN_USERS" | "INGEST_USERS">,
  platform: string,
  userId: string,
): boolean {
  if (config.INGEST_USERS.length === 0) return isAdminUser(config, platform, userId);
  return config.INGEST_USERS.includes(`${platform}:${userId}`);
}

/** Who may send files on `platform`, for the refusal: the listed user ids. */
export function ingestUsersOf(
  config: Pick<Config, "ADMIN_USERS" | "INGEST_USERS">,
  platform: string,
): string[] {
  const list = config.INGEST_USERS.length > 0 ? config.INGEST_USERS : config.ADMIN_USERS;
  return list.filter((e) => e.startsWith(`${platform}:`)).map((e) => e.slice(platform.length + 1));
}

/** One field's .env.example lines: its comment, then NAME=example. */
function envLines(name: string, schema: z.ZodType): string[] {
  const meta = (schema.meta() ?? {}) as { description?: string; example?: string };
  const doc = meta.description ? meta.description.split("\n").map((l) => `# ${l}`) : [];
  return [...doc, `${name}=${meta.example ?? ""}`];
}

/** One .env.example section. */
function envSection(title: string, shape: Record<string, z.ZodType>): string {
  const rule = "-".repeat(Math.max(3, 72 - title.length - 7));
  return [`# --- ${title} ${rule}`, ...Object.entries(shape).flatMap(([k, v]) => envLines(k, v))].join("\n");
}

/** The text of .env.example, generated from the schemas (every variable, commented). */
export function renderEnvExample(): string {
  const head = [
    "# budget-bot configuration. Copy to .env (never commit it) or set in the environment.",
    "# Every variable is optional: with no chat platform configured the bot starts the console adapter.",
    "# Generated from the config schemas: npm run --silent bot -- manifest env > .env.example",
  ].join("\n");
  const sections = [
    ...BASE_SECTIONS.map((s) => envSection(s.title, s.schema.shape)),
    ...PLATFORMS.map((p) => envSection(p.env.title, p.config.shape as Record<string, z.ZodType>)),
  ];
  return `${[head, ...sections].join("\n\n")}\n`;
}
