/**
 * The runtime registry: every chat platform the bot can run, one line each (the composition root
 * starts them; nothing below adapters/ imports this file — it uses src/platforms/index.ts, the
 * same platforms by their metadata). Adding a platform = src/platforms/<name>/ (metadata and a line
 * in its list), src/adapters/<name>/ (runtime and render.ts), and one line here.
 * Descriptors load no SDK: each platform imports its SDK when it starts or posts.
 */
import type { Platform } from "./contract.js";
import { dingtalkPlatform } from "./dingtalk/index.js";
import { feishuPlatform } from "./feishu/index.js";
import { slackPlatform } from "./slack/index.js";
import { telegramPlatform } from "./telegram/index.js";
import { wecomPlatform } from "./wecom/index.js";

/** Every registered platform, in the order they start and are listed. */
export const PLATFORMS: readonly Platform[] = [
  slackPlatform,
  telegramPlatform,
  feishuPlatform,
  dingtalkPlatform,
  wecomPlatform,
];

/** The platform with this name, or undefined ("console" and "cli" are surfaces, not platforms). */
export function platformNamed(name: string): Platform | undefined {
  return PLATFORMS.find((p) => p.name === name);
}
