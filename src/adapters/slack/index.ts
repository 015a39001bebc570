/**
 * The Slack runtime: start-up and posting. Its metadata (config schema, manifest, access list)
 * is src/platforms/slack/. SDK modules load only when the platform starts or posts.
 */
import { type SlackConfig, slackInfo } from "../../platforms/slack/index.js";
import { definePlatform } from "../contract.js";
import { PLATFORM_CALL_MS } from "../deadline.js";

/** The Slack platform. */
export const slackPlatform = definePlatform<SlackConfig>({
  ...slackInfo,
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
      ...(ctx.files ? { files: ctx.files } : {}),
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
});
