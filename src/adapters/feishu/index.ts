/**
 * The Feishu/Lark runtime: start-up and posting. Its metadata (config schema, manifest, access list)
 * is src/platforms/feishu/. SDK modules load only when the platform starts or posts.
 */
import { FEISHU_DEFAULT_DOMAIN, type FeishuConfig, feishuInfo } from "../../platforms/feishu/index.js";
import { definePlatform } from "../contract.js";

/** The API base without a trailing slash (the SDK appends "/open-apis/…"). */
function apiBase(domain: string | undefined): string {
  return (domain ?? FEISHU_DEFAULT_DOMAIN).replace(/\/+$/, "");
}

/** The Feishu/Lark platform. */
export const feishuPlatform = definePlatform<FeishuConfig>({
  ...feishuInfo,
  async start(c, ctx) {
    const { createFeishuApp } = await import("./app.js");
    const app = createFeishuApp({
      appId: c.FEISHU_APP_ID ?? "",
      appSecret: c.FEISHU_APP_SECRET ?? "",
      mode: c.FEISHU_MODE,
      domain: apiBase(c.FEISHU_DOMAIN),
      encryptKey: c.FEISHU_ENCRYPT_KEY,
      verificationToken: c.FEISHU_VERIFICATION_TOKEN,
      dispatcher: ctx.dispatcher,
      log: ctx.log,
      dedupe: ctx.dedupe,
      http: ctx.http,
      clock: ctx.clock,
    });
    const { mode } = await app.start();
    return { name: `feishu-${mode}`, stop: (ms) => app.stop(ms), poster: app.poster };
  },
  async poster(c, _opts) {
    if (!c.FEISHU_APP_ID || !c.FEISHU_APP_SECRET) return null;
    const { feishuClient, feishuPoster } = await import("./app.js");
    const log = { info: () => {}, error: () => {} };
    return feishuPoster(
      feishuClient({
        appId: c.FEISHU_APP_ID,
        appSecret: c.FEISHU_APP_SECRET,
        domain: apiBase(c.FEISHU_DOMAIN),
        log,
      }),
    );
  },
});
