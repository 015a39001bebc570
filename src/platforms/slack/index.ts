/**
 * Slack's metadata: Bolt over HTTP (at /slack/events on the shared server) or Socket Mode when
 * SLACK_APP_TOKEN is set.
 * The runtime (start, posting) is src/adapters/slack/index.ts.
 */
import { z } from "zod";
import { documented, envList, optionalText, optionalUrl } from "../../config-fields.js";
import { definePlatformInfo, listAllows } from "../info.js";
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
export type SlackConfig = z.infer<typeof slackConfig> & { PORT?: number };

/** The Slack platform. */
export const slackInfo = definePlatformInfo<SlackConfig>({
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
  posts: true,
  allows: (c, who) => listAllows(c.ALLOWED_SLACK_TEAMS, who.teamId),
  manifest: {
    url: { default: "https://example.com/slack/events", example: "https://bot.example.com/slack/events" },
    socket: true,
    render: (commands, f) =>
      JSON.stringify(
        slackManifest(commands, f.url ?? "https://example.com/slack/events", Boolean(f.socket)),
        null,
        2,
      ),
  },
  subscribeNotes: ["请确认机器人已加入本频道（/invite），否则无法推送"],
});
