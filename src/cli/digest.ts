/**
 * `bot digest …`: the weekly summaries from the command line.
 * - `digest preview <订阅编号|单位…|全部> [--at 时间]` prints a summary as plain text; nothing is posted.
 * - `digest run-due [--at 时间]` posts whatever is due at that time (default now) through the
 *   registered platforms whose credentials are set in the environment (each platform's `poster`),
 *   one line per subscription; exit 1 if a post failed.
 *   Safe to run from cron next to a running bot: each slot is posted once (job_runs claim).
 * - `digest list` prints every subscription with its schedule, next slot and last run.
 * - `digest subscribe <platform> <webhook-url> [单位…] [--secret SEC…] [--schedule "0 9 * * 1"]`
 *   registers a group robot webhook (a secret: typed by an admin on the server, never in chat) as
 *   a subscription target of a platform that posts through webhooks. Webhook URLs are shown only
 *   masked here and in every outcome or error line.
 * - `digest unsubscribe <编号>` removes a subscription (a webhook's, or any chat's).
 */
import { existsSync } from "node:fs";
import { postersFromConfig } from "../adapters/posters.js";
import { createCore } from "../app.js";
import { UserError } from "../commands/errors.js";
import { type Config, parseConfig } from "../config.js";
import { describeDepartments, resolveDepartmentNames } from "../digest/chat.js";
import {
  describeSchedule,
  extractSchedule,
  formatZoned,
  nextSlot,
  scheduleCron,
  validateSchedule,
} from "../digest/schedule.js";
import { buildDigest } from "../digest/summary.js";
import { createLogger } from "../lifecycle/log.js";
import { PLATFORM_INFOS, platformInfoNamed } from "../platforms/index.js";
import { isWebhookTarget, maskTarget, maskUrls, webhookTarget } from "../platforms/webhook-target.js";
import { renderText } from "../render/index.js";
import { createDigestRunner, type RunOutcome } from "../scheduler/digest-runner.js";
import { openStore, resolveDbPath } from "../store/open.js";
import type { JobRun, Store, Subscription } from "../store/ports.js";
import { parseCliArgs, stringFlag } from "./args.js";
import { type CliCommand, type CliIO, CliUsageError } from "./types.js";

/** The configuration without the start-up checks of loadConfig: posting needs only the platforms' post credentials. */
function postingConfig(env: NodeJS.ProcessEnv): Config {
  return parseConfig(env);
}

/** Parse --at: an ISO 8601 time (with offset or Z), else a usage error. */
function parseAt(text: string | undefined, fallback: Date): Date {
  if (text === undefined) return fallback;
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(ms)) {
    throw new CliUsageError(`--at 应为 ISO 时间，例如 2024-03-04T09:00:00+08:00（收到“${text}”）`);
  }
  return new Date(ms);
}

function openExisting(io: CliIO, flag: string | undefined): Store {
  const dbPath = resolveDbPath(flag, io.env);
  if (!existsSync(dbPath)) throw new CliUsageError(`数据库 ${dbPath} 不存在，请先 ingest`);
  return openStore(dbPath);
}

/** "<platform> <chat id>", e.g. "slack C123"; a webhook target masked. */
function where(s: Subscription): string {
  return `${s.platform} ${maskTarget(s.chatId)}`;
}

/** One line per outcome. */
export function outcomeLine(s: Subscription, o: RunOutcome): string {
  const head = `订阅 ${s.id} · ${where(s)} · ${describeDepartments(s)}`;
  const slot = "period" in o && o.period ? ` · ${formatZoned(new Date(o.period), s.timezone)} 档` : "";
  switch (o.status) {
    case "posted":
      return `${head}${slot} · 已推送（第 ${o.attempts} 次尝试）`;
    case "failed":
      return `${head}${slot} · 推送失败（第 ${o.attempts} 次）：${maskUrls(o.error)}${o.nextAttemptAt ? `；${formatZoned(new Date(o.nextAttemptAt), s.timezone)} 后重试` : "；不再重试"}`;
    case "not-due":
      return `${head} · 尚无到期的推送`;
    case "done":
      return `${head}${slot} · 已推送过，跳过`;
    case "busy":
      return `${head}${slot} · 另一进程正在推送，跳过`;
    case "waiting":
      return `${head}${slot} · 上次失败（${o.attempts} 次），${o.nextAttemptAt ? formatZoned(new Date(o.nextAttemptAt), s.timezone) : ""} 后重试`;
    case "gave-up":
      return `${head}${slot} · 已失败 ${o.attempts} 次，不再重试`;
    case "no-poster":
      return `${head}${slot} · 未配置 ${o.platform} 令牌，跳过`;
  }
}

async function preview(
  args: string[],
  io: CliIO,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const config = postingConfig(io.env);
  const at = parseAt(stringFlag(values, "at"), new Date());
  const target = args.join(" ").trim();
  if (target === "") throw new CliUsageError("请给出订阅编号或单位，例如 digest preview 容东");
  const store = openExisting(io, stringFlag(values, "db"));
  try {
    const core = createCore({ store, log: createLogger("error", (l) => io.err(l)), clock: () => at });
    await core.fresh();
    let scope: Parameters<typeof buildDigest>[1];
    let since: string | null = null;
    if (/^\d+$/.test(target)) {
      const sub = await store.subscriptions.get(Number(target));
      if (!sub) {
        io.err(`没有编号为 ${target} 的订阅（digest list 查看）`);
        return 1;
      }
      scope = sub;
      since = (await store.jobRuns.lastPostedAt(sub.id, "9999")) ?? sub.createdAt;
    } else {
      try {
        scope = {
          departments: resolveDepartmentNames(core.services.lexicon(), target, "budget"),
          timezone: config.DIGEST_TIMEZONE,
        };
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        io.err(err.message);
        for (const h of err.hints) io.err(h);
        return 1;
      }
    }
    const reply = await buildDigest(core.services, scope, {
      since: since ? new Date(since) : null,
      now: at,
      documents: await store.disclosures.documents(),
    });
    io.out(renderText(reply));
    return 0;
  } finally {
    await store.close();
  }
}

async function runDue(io: CliIO, values: Record<string, string | boolean | undefined>): Promise<number> {
  const config = postingConfig(io.env);
  const at = parseAt(stringFlag(values, "at"), new Date());
  const posters = await postersFromConfig(config);
  if (Object.keys(posters).length === 0)
    io.err("未配置任何可推送的聊天平台（参见 .env.example）：只检查，不推送");
  const store = openExisting(io, stringFlag(values, "db"));
  try {
    const log = createLogger("warn", (l) => io.err(l));
    const core = createCore({
      store,
      log,
      clock: () => at,
      digest: { timezone: config.DIGEST_TIMEZONE, defaultSchedule: config.DIGEST_DEFAULT_SCHEDULE },
    });
    const runner = createDigestRunner({ store, services: core.services, posters, clock: () => at, log });
    const outcomes = await runner.runDue({ at });
    const subs = new Map((await store.subscriptions.list()).map((s) => [s.id, s]));
    if (outcomes.length === 0) io.out("没有订阅");
    for (const o of outcomes) {
      const s = subs.get(o.subscriptionId);
      if (s) io.out(outcomeLine(s, o));
    }
    return outcomes.some((o) => o.status === "failed") ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** A run's state in words; a send in flight (sending_at) says since when and that its outcome is not known yet. */
function runState(run: JobRun, timezone: string): string {
  if (run.sendingAt !== null && run.status !== "posted") {
    const since = formatZoned(new Date(run.sendingAt), timezone);
    return run.status === "claimed"
      ? `推送中（${since} 起，结果未知）`
      : `推送失败，${since} 起的一次推送结果未知（重试前先核对）`;
  }
  switch (run.status) {
    case "posted":
      return "已推送";
    case "claimed":
      return "准备推送";
    case "failed":
      return run.nextAttemptAt ? "推送失败，将重试" : "推送失败，不再重试";
  }
}

async function list(io: CliIO, values: Record<string, string | boolean | undefined>): Promise<number> {
  const at = parseAt(stringFlag(values, "at"), new Date());
  const store = openExisting(io, stringFlag(values, "db"));
  try {
    const subs = await store.subscriptions.list();
    if (subs.length === 0) io.out("没有订阅");
    for (const s of subs) {
      const next = nextSlot(s.schedule, s.timezone, at);
      const last = (await store.jobRuns.list(s.id))[0];
      const lastText = last
        ? `上次 ${formatZoned(new Date(last.period), s.timezone)} 档：${runState(last, s.timezone)}（${last.attempts} 次${last.error ? `，${maskUrls(last.error)}` : ""}）`
        : "尚未推送";
      io.out(
        `订阅 ${s.id} · ${where(s)} · ${describeDepartments(s)} · ${describeSchedule(s.schedule, s.timezone)} · 下次 ${next ? formatZoned(next, s.timezone) : "无"} · ${lastText}`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** `digest subscribe <platform> <webhook-url> [单位…]`: register a group robot webhook as a target. */
async function subscribe(
  args: string[],
  io: CliIO,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const webhookPlatforms = PLATFORM_INFOS.filter((p) => p.checkWebhook).map((p) => p.name);
  const [name, rawUrl, ...departmentWords] = args;
  const usage = `用法：digest subscribe <${webhookPlatforms.join("|")}> <群机器人 webhook 地址> [单位…] [--secret 加签密钥] [--schedule "0 9 * * 1"]`;
  if (!name || !rawUrl) throw new CliUsageError(usage);
  const platform = platformInfoNamed(name);
  if (!platform?.checkWebhook) {
    throw new CliUsageError(`${name} 不支持群机器人 webhook 推送（支持：${webhookPlatforms.join("、")}）`);
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new CliUsageError(`webhook 地址不是完整的 URL：${maskUrls(rawUrl)}`);
  }
  if (!isWebhookTarget(url.toString())) throw new CliUsageError("webhook 地址应以 https:// 开头");
  const secret = stringFlag(values, "secret");
  const problems = platform.checkWebhook(url, secret);
  if (problems.length > 0) {
    for (const p of problems) io.err(p);
    return 2;
  }
  const config = postingConfig(io.env);
  const store = openExisting(io, stringFlag(values, "db"));
  try {
    const now = parseAt(stringFlag(values, "at"), new Date());
    const core = createCore({
      store,
      log: createLogger("error", (l) => io.err(l)),
      clock: () => now,
      digest: { timezone: config.DIGEST_TIMEZONE, defaultSchedule: config.DIGEST_DEFAULT_SCHEDULE },
    });
    await core.fresh();
    let departments: string[];
    let schedule: string;
    try {
      // Read as in chat: "每周五 17:30" given with --schedule or after the departments.
      const written = extractSchedule(departmentWords.join(" "));
      const flag = stringFlag(values, "schedule");
      schedule =
        flag !== undefined ? scheduleCron(flag) : (written.schedule?.cron ?? config.DIGEST_DEFAULT_SCHEDULE);
      validateSchedule(schedule, config.DIGEST_TIMEZONE, now);
      departments = resolveDepartmentNames(core.services.lexicon(), written.rest, "subscribe");
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      io.err(err.message);
      for (const h of err.hints) io.err(h);
      // The candidates a chat shows as buttons: here the names to write instead.
      for (const a of err.actions) if (a.kind === "choose") io.err(`  · ${a.label}`);
      return 1;
    }
    const service = core.services.subscriptions;
    if (!service) throw new Error("subscriptions service not configured");
    const { subscription: s, created } = await service.create({
      platform: platform.name,
      chatId: webhookTarget(url.toString(), secret),
      teamId: null,
      departments,
      schedule,
      timezone: config.DIGEST_TIMEZONE,
      createdBy: "cli",
      createdAt: now.toISOString(),
    });
    io.out(
      `${created ? "已登记" : "已存在相同订阅"}：订阅 ${s.id} · ${where(s)} · ${describeDepartments(s)} · ${describeSchedule(s.schedule, s.timezone)}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** `digest unsubscribe <编号>`: remove one subscription and its runs. */
async function unsubscribe(
  args: string[],
  io: CliIO,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const [id] = args;
  if (!id || !/^\d+$/.test(id) || args.length > 1)
    throw new CliUsageError("用法：digest unsubscribe <订阅编号>（digest list 查看）");
  const store = openExisting(io, stringFlag(values, "db"));
  try {
    const s = await store.subscriptions.get(Number(id));
    if (!s || !(await store.subscriptions.remove(s.id, s))) {
      io.err(`没有编号为 ${id} 的订阅（digest list 查看）`);
      return 1;
    }
    io.out(`已删除订阅 ${s.id} · ${where(s)} · ${describeDepartments(s)}`);
    return 0;
  } finally {
    await store.close();
  }
}

const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      db: { type: "string" },
      at: { type: "string" },
      secret: { type: "string" },
      schedule: { type: "string" },
    });
    const [sub, ...rest] = positionals;
    if (sub === "preview") return preview(rest, io, values);
    if (sub === "run-due") {
      if (rest.length) throw new CliUsageError(`run-due 不接受参数：${rest.join(" ")}`);
      return runDue(io, values);
    }
    if (sub === "list") return list(io, values);
    if (sub === "subscribe") return subscribe(rest, io, values);
    if (sub === "unsubscribe") return unsubscribe(rest, io, values);
    throw new CliUsageError(
      sub
        ? `未知的 digest 子命令：${sub}`
        : "请给出 digest 子命令：preview、run-due、list、subscribe 或 unsubscribe",
    );
  },
};

export default command;
