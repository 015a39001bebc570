/**
 * Configuration from the environment, parsed with zod. Mirrors .env.example one-to-one
 * (a test fails when they drift apart). A bad value gives one clear line, not a stack trace.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { UserError } from "./commands/errors.js";
import { validateSchedule } from "./digest/schedule.js";
import { issueMessage } from "./domain/issues.js";

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s && s.trim() !== "" ? s.trim() : undefined));

const optionalUrl = optionalText.pipe(z.url().optional());

/** The environment variables the bot reads. */
export const ConfigSchema = z.object({
  BUDGET_DB: z.string().default("data/budget.db"),
  BUDGET_DATA_DIR: z.string().default("data"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalUrl,
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_URL: optionalUrl,
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  TELEGRAM_API_ROOT: optionalUrl,
  ALLOWED_SLACK_TEAMS: list,
  ALLOWED_TELEGRAM_CHATS: list,
  ADMIN_USERS: list,
  DIGEST_TIMEZONE: z.string().default("Asia/Shanghai"),
  DIGEST_DEFAULT_SCHEDULE: z.string().default("0 9 * * 1"),
});

/** Parsed configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** A configuration problem, with a one-line Chinese message per bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** What a good value looks like, per variable (shown with a bad one). */
const EXAMPLES = new Map<string, string>([
  ["PORT", "3000"],
  ["TELEGRAM_WEBHOOK_PORT", "8443"],
  ["LOG_LEVEL", "info"],
  ["SLACK_API_URL", "https://slack.com/api/"],
  ["TELEGRAM_WEBHOOK_URL", "https://bot.example.com/telegram"],
  ["TELEGRAM_API_ROOT", "https://api.telegram.org"],
  ["DIGEST_TIMEZONE", "Asia/Shanghai"],
  ["DIGEST_DEFAULT_SCHEDULE", "0 9 * * 1"],
  ["BUDGET_DB", "data/budget.db"],
]);

/** One line for a bad variable: what was given, what is wrong, what to type instead. */
function badVariable(name: string, given: string | undefined, why: string): string {
  const shown = given === undefined ? "" : `=${[...given].length > 40 ? `${[...given].slice(0, 40).join("")}…` : given}`;
  const example = EXAMPLES.get(name);
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
    problems.push(badVariable("DIGEST_TIMEZONE", env.DIGEST_TIMEZONE, "不是已知的时区名（IANA 时区，如 Asia/Shanghai）"));
  }
  if (zoneOk) {
    try {
      validateSchedule(c.DIGEST_DEFAULT_SCHEDULE, c.DIGEST_TIMEZONE, new Date());
    } catch (err) {
      const why = err instanceof UserError ? err.message.replace(/^时间表“.*”/, "") : "无法解析";
      problems.push(
        badVariable(
          "DIGEST_DEFAULT_SCHEDULE",
          env.DIGEST_DEFAULT_SCHEDULE,
          `${why.replace(/^无效：/, "")}（cron 为 5 段：分 时 日 月 周）`,
        ),
      );
    }
  }
  if (c.BUDGET_DB !== ":memory:") {
    const parent = dirname(resolve(c.BUDGET_DB));
    if (!existsSync(parent) || !statSync(parent).isDirectory()) {
      problems.push(badVariable("BUDGET_DB", env.BUDGET_DB, `文件夹 ${parent} 不存在（不会自动创建，请先建好或换个路径）`));
    }
  }
  return problems;
}

/** Parse the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const name = String(i.path[0] ?? "");
      return badVariable(name, env[name], issueMessage(i, new Map([[name, ""]])));
    });
    throw new ConfigError(`配置有误：${[...new Set(lines)].join("；")}`);
  }
  const c = r.data;
  const problems = semanticProblems(c, env);
  if (problems.length > 0) throw new ConfigError(`配置有误：${problems.join("；")}`);
  if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
    throw new ConfigError(
      "配置有误：设置了 SLACK_BOT_TOKEN 但缺少 SLACK_SIGNING_SECRET（HTTP 模式）或 SLACK_APP_TOKEN（Socket 模式）",
    );
  }
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("配置有误：设置了 TELEGRAM_WEBHOOK_URL 但缺少 TELEGRAM_WEBHOOK_SECRET");
  }
  return c;
}

/** Is this platform user an admin? Empty ADMIN_USERS means everyone. Entries look like "slack:U123". */
export function isAdminUser(config: Pick<Config, "ADMIN_USERS">, platform: string, userId: string): boolean {
  if (config.ADMIN_USERS.length === 0) return true;
  return config.ADMIN_USERS.includes(`${platform}:${userId}`);
}
