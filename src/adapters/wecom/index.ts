/**
 * The WeCom (企业微信) runtime: start-up and posting. Its metadata (config schema, manifest, access list)
 * is src/platforms/wecom/. SDK modules load only when the platform starts or posts.
 */
import { WECOM_DEFAULT_WS_URL, type WecomConfig, wecomInfo } from "../../platforms/wecom/index.js";
import { definePlatform } from "../contract.js";

/** The WeCom (企业微信) platform. */
export const wecomPlatform = definePlatform<WecomConfig>({
  ...wecomInfo,
  async start(c, ctx) {
    const [{ createWecomApp }, { wecomPoster }] = await Promise.all([
      import("./app.js"),
      import("./poster.js"),
    ]);
    const app = createWecomApp({
      botId: c.WECOM_BOT_ID ?? "",
      secret: c.WECOM_BOT_SECRET ?? "",
      wsUrl: c.WECOM_WS_URL ?? WECOM_DEFAULT_WS_URL,
      dispatcher: ctx.dispatcher,
      log: ctx.log,
      dedupe: ctx.dedupe,
    });
    await app.start();
    return {
      name: "wecom-ws",
      stop: (ms) => app.stop(ms),
      poster: wecomPoster({ client: app.client, log: ctx.log }),
    };
  },
  // Webhook targets need no bot credentials: the poster exists even without them.
  async poster(c) {
    const { wecomPoster } = await import("./poster.js");
    return wecomPoster({
      credentials:
        c.WECOM_BOT_ID && c.WECOM_BOT_SECRET
          ? {
              botId: c.WECOM_BOT_ID,
              secret: c.WECOM_BOT_SECRET,
              wsUrl: c.WECOM_WS_URL ?? WECOM_DEFAULT_WS_URL,
            }
          : undefined,
    });
  },
});
