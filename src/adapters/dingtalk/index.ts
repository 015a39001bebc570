/**
 * The DingTalk (钉钉) runtime: start-up and posting. Its metadata (config schema, manifest, access list)
 * is src/platforms/dingtalk/. SDK modules load only when the platform starts or posts.
 */
import {
  DINGTALK_DEFAULT_API_URL,
  DINGTALK_GATEWAY_PATH,
  type DingtalkConfig,
  dingtalkInfo,
} from "../../platforms/dingtalk/index.js";
import { definePlatform } from "../contract.js";

/** The API base without a trailing slash. */
function apiBase(c: DingtalkConfig): string {
  return (c.DINGTALK_API_URL ?? DINGTALK_DEFAULT_API_URL).replace(/\/+$/, "");
}

/** The DingTalk (钉钉) platform. */
export const dingtalkPlatform = definePlatform<DingtalkConfig>({
  ...dingtalkInfo,
  async start(c, ctx) {
    const { createDingtalkApp } = await import("./app.js");
    const api = apiBase(c);
    const app = createDingtalkApp({
      clientId: c.DINGTALK_CLIENT_ID ?? "",
      clientSecret: c.DINGTALK_CLIENT_SECRET ?? "",
      mode: c.DINGTALK_MODE,
      apiUrl: api,
      oapiUrl: c.DINGTALK_OAPI_URL,
      gatewayUrl: c.DINGTALK_GATEWAY_URL ?? `${api}${DINGTALK_GATEWAY_PATH}`,
      dispatcher: ctx.dispatcher,
      log: ctx.log,
      dedupe: ctx.dedupe,
      http: ctx.http,
      clock: ctx.clock,
    });
    const { mode } = await app.start();
    return { name: `dingtalk-${mode}`, stop: (ms) => app.stop(ms), poster: app.poster };
  },
  // Webhook targets need no app credentials: the poster exists even without them.
  async poster(c) {
    const { dingtalkPoster } = await import("./poster.js");
    return dingtalkPoster({
      clientId: c.DINGTALK_CLIENT_ID,
      clientSecret: c.DINGTALK_CLIENT_SECRET,
      apiUrl: apiBase(c),
      oapiUrl: c.DINGTALK_OAPI_URL,
    });
  },
});
