/**
 * Every chat platform the bot knows, by its metadata (name, words, config schema, manifest, access
 * list): what configuration, subscriptions, manifests and user messages need, without loading any
 * platform's runtime. The runtime registry (src/adapters/registry.ts) pairs each with its start-up
 * and poster. Adding a platform = src/platforms/<name>/ (metadata), src/adapters/<name>/ (runtime and
 * renderer), a line here and a line in the runtime registry.
 */
import { dingtalkInfo } from "./dingtalk/index.js";
import { feishuInfo } from "./feishu/index.js";
import { erased, type PlatformInfo } from "./info.js";
import { slackInfo } from "./slack/index.js";
import { telegramInfo } from "./telegram/index.js";
import { wecomInfo } from "./wecom/index.js";

export type { PlatformInfo } from "./info.js";

/** Every platform's metadata, in the order they start and are listed. */
export const PLATFORM_INFOS: readonly PlatformInfo[] = [
  erased(slackInfo),
  erased(telegramInfo),
  erased(feishuInfo),
  erased(dingtalkInfo),
  erased(wecomInfo),
];

/** The platform with this name, or undefined ("console" and "cli" are surfaces, not platforms). */
export function platformInfoNamed(name: string): PlatformInfo | undefined {
  return PLATFORM_INFOS.find((p) => p.name === name);
}
