/**
 * Configuration from the environment, parsed with zod. Mirrors .env.example one-to-one
 * (a test fails when they drift apart). A bad value gives one clear line, not a stack trace.
 */
import { z } from "zod";

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

const optionalUrl = optionalText.pipe(
  z.url({ message: "必须是完整的 URL（如 http://127.0.0.1:8080/api/）" }).optional(),
);

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

/** Parse the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`配置有误：${lines.join("；")}`);
  }
  const c = r.data;
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
