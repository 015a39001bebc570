/**
 * The Telegram runtime: start-up and posting. Its metadata (config schema, manifest, access list)
 * is src/platforms/telegram/. SDK modules load only when the platform starts or posts.
 */
import { type TelegramConfig, telegramInfo } from "../../platforms/telegram/index.js";
import { definePlatform } from "../contract.js";

/** The Telegram platform. */
export const telegramPlatform = definePlatform<TelegramConfig>({
  ...telegramInfo,
  async start(c, ctx) {
    const [{ createTelegramBot }, { telegramPoster }] = await Promise.all([
      import("./bot.js"),
      import("./poster.js"),
    ]);
    const tg = createTelegramBot({
      token: c.TELEGRAM_BOT_TOKEN ?? "",
      apiRoot: c.TELEGRAM_API_ROOT,
      webhook:
        c.TELEGRAM_WEBHOOK_URL && c.TELEGRAM_WEBHOOK_SECRET
          ? { url: c.TELEGRAM_WEBHOOK_URL, secret: c.TELEGRAM_WEBHOOK_SECRET, port: c.TELEGRAM_WEBHOOK_PORT }
          : undefined,
      dispatcher: ctx.dispatcher,
      log: ctx.log,
      dedupe: ctx.dedupe,
      ...(ctx.files ? { files: ctx.files } : {}),
    });
    const { mode } = await tg.start();
    return {
      name: `telegram-${mode}`,
      stopAccepting: () => tg.stopAccepting(),
      stop: (ms) => tg.stop(ms),
      poster: telegramPoster(tg.bot.api),
    };
  },
  async poster(c) {
    if (!c.TELEGRAM_BOT_TOKEN) return null;
    const [{ Api }, { telegramPoster }] = await Promise.all([import("grammy"), import("./poster.js")]);
    const api = new Api(
      c.TELEGRAM_BOT_TOKEN,
      c.TELEGRAM_API_ROOT ? { apiRoot: c.TELEGRAM_API_ROOT } : undefined,
    );
    return telegramPoster(api);
  },
});
