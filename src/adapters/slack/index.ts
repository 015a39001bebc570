/**
 * The Slack platform: Bolt over HTTP (mounted on the shared server at /slack/events) or Socket
 * Mode when SLACK_APP_TOKEN is set. SDK modules load only when the platform starts or posts.
 */
import { z } from "zod";
import { parseCliArgs, requireWebUrl, stringFlag } from "../../cli/args.js";
import { documented, envList, optionalText, optionalUrl } from "../../config-fields.js";
import { listAllows } from "../common.js";
import { definePlatform } from "../contract.js";
import { PLATFORM_CALL_MS } from "../deadline.js";
import { slackManifest } from "./manifest.js";

/** Slack's environment variables. */
export const slackConfig = z.object({
  SLACK_BOT_TOKEN: documented(optionalText, { doc: "Bot token (xoxb-…)." }),
  SLACK_SIGNING_SECRET: documented(optionalText, {
    doc: "Signing secret (HTTP mode: Bolt answers 401 to a bad signature).",
  }),
  SLACK_APP_TOKEN: documented(optionalText, {
    doc: "App-level token (xapp-…): Socket Mode instead of HTTP.",
  }),
  SLACK_API_URL: documented(optionalUrl, {
    doc: "Web API base URL override (GovSlack, a proxy, or a local fake in tests), e.g. https://slack.com/api/",
  }),
  ALLOWED_SLACK_TEAMS: documented(envList, {
    doc: "Slack team ids allowed to use the bot (comma-separated; empty = every team).",
  }),
});

/** Parsed Slack configuration (plus the shared PORT). */
type SlackConfig = z.infer<typeof slackConfig> & { PORT?: number };

/** The Slack platform. */
export const slackPlatform = definePlatform<SlackConfig>({
  name: "slack",
  title: "Slack",
  chatNoun: "Slack 频道",
  config: slackConfig,
  env: {
    title:
      "Slack (HTTP mode needs BOT_TOKEN + SIGNING_SECRET on PORT at /slack/events; Socket Mode adds APP_TOKEN)",
  },
  configured: (c) => Boolean(c.SLACK_BOT_TOKEN && (c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN)),
  check: (c) =>
    c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN
      ? ["设置了 SLACK_BOT_TOKEN 但缺少 SLACK_SIGNING_SECRET（HTTP 模式）或 SLACK_APP_TOKEN（Socket 模式）"]
      : [],
  allows: (c, inv) => listAllows(c.ALLOWED_SLACK_TEAMS, inv.teamId),
  async start(c, ctx) {
    const [{ createSlackApp }, { slackPoster }] = await Promise.all([
      import("./app.js"),
      import("./poster.js"),
    ]);
    const slack = createSlackApp({
      botToken: c.SLACK_BOT_TOKEN ?? "",
      signingSecret: c.SLACK_SIGNING_SECRET ?? "",
      appToken: c.SLACK_APP_TOKEN,
      port: ctx.port,
      apiUrl: c.SLACK_API_URL,
      dispatcher: ctx.dispatcher,
      log: ctx.log,
      dedupe: ctx.dedupe,
      http: ctx.http,
    });
    const { mode } = await slack.start();
    return { name: `slack-${mode}`, stop: (ms) => slack.stop(ms), poster: slackPoster(slack.app.client) };
  },
  async poster(c, opts) {
    if (!c.SLACK_BOT_TOKEN) return null;
    const [{ webApi }, { slackPoster }] = await Promise.all([import("@slack/bolt"), import("./poster.js")]);
    const client = new webApi.WebClient(c.SLACK_BOT_TOKEN, {
      ...(c.SLACK_API_URL ? { slackApiUrl: c.SLACK_API_URL } : {}),
      retryConfig: { retries: opts.retries ?? 2 },
      timeout: PLATFORM_CALL_MS,
      logLevel: webApi.LogLevel.ERROR,
    });
    return slackPoster(client);
  },
  manifest(commands, args) {
    const { values } = parseCliArgs(args, { url: { type: "string" }, socket: { type: "boolean" } });
    const url = requireWebUrl(
      "--url",
      stringFlag(values, "url") ?? "https://example.com/slack/events",
      "https://bot.example.com/slack/events",
    );
    return JSON.stringify(slackManifest(commands, url, Boolean(values.socket)), null, 2);
  },
  subscribeNotes: ["请确认机器人已加入本频道（/invite），否则无法推送"],
});
