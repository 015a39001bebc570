/** Helpers shared by the subscription commands: which chat asked, and the subscription service. */
import type { Services } from "../commands/services.js";
import type { Invocation } from "../commands/types.js";
import { UserError } from "../domain/errors.js";
import { PLATFORM_INFOS, platformInfoNamed } from "../platforms/index.js";
import type { DepartmentLexicon } from "../query/department.js";
import { resolveDepartment } from "../query/resolve.js";
import type { ChatRef, Subscription } from "../store/ports.js";
import type { SubscriptionService } from "./service.js";
import { shortName } from "./summary.js";

/** The chat an invocation came from; summaries go only to chats of registered platforms that can post. */
export function chatOf(inv: Invocation): ChatRef {
  const p = platformInfoNamed(inv.platform);
  if (!p?.posts) {
    const where = spacedJoin(
      "在",
      PLATFORM_INFOS.filter((x) => x.posts).map((x) => x.chatNoun),
      "或",
    );
    const webhooks = PLATFORM_INFOS.filter((x) => x.checkWebhook).map((x) => x.name);
    throw new UserError(`订阅只能${where}中管理`, [
      "周报会推送到发出订阅命令的频道或群组",
      ...(webhooks.length
        ? [
            `也可以在服务器上为群机器人 webhook 订阅：npm run --silent bot -- digest subscribe <${webhooks.join("|")}> '<webhook 地址>' [单位…] [--schedule "每周五 17:30"]`,
          ]
        : []),
    ]);
  }
  return { platform: p.name, chatId: inv.chatId, teamId: inv.teamId ?? null };
}

/** Join words after `lead` with `sep`, with a blank before a word that starts with a Latin letter ("在 Slack 频道或 Telegram 群组"). */
function spacedJoin(lead: string, words: string[], sep: string): string {
  return words.reduce((acc, w, i) => `${acc}${i > 0 ? sep : ""}${/^[A-Za-z]/.test(w) ? " " : ""}${w}`, lead);
}

/** Notes /subscribe adds for a chat of this platform (e.g. "invite the bot first"). */
export function subscribeNotesFor(platform: string): readonly string[] {
  return platformInfoNamed(platform)?.subscribeNotes ?? [];
}

/** The subscription service, or an error when this bot runs without one. */
export function subscriptionsOf(services: Services): SubscriptionService {
  if (!services.subscriptions) throw new Error("subscriptions service not configured");
  return services.subscriptions;
}

/** "全部单位" or the departments' short names. */
export function describeDepartments(sub: Pick<Subscription, "departments">): string {
  return sub.departments.length === 0 ? "全部单位" : sub.departments.map(shortName).join("、");
}

/** Words that mean every department. */
const ALL_WORDS = ["全部", "所有", "全部单位", "所有单位", "all"];

/**
 * Department fragments → department names ([] = every department): the whole text as one name
 * first, else each piece separated by blanks or 、，; an unknown or ambiguous piece is a UserError.
 */
export function resolveDepartmentNames(lexicon: DepartmentLexicon, text: string, command: string): string[] {
  const t = text.trim();
  if (t === "" || ALL_WORDS.includes(t.toLowerCase())) return [];
  const explicit = /[、，,；;]/.test(t);
  if (!explicit) {
    const whole = lexicon.resolve(t);
    if (whole.kind === "one") return [whole.department.name];
  }
  const pieces = t.split(explicit ? /\s*[、，,；;]\s*/ : /\s+/).filter(Boolean);
  return [...new Set(pieces.map((p) => resolveDepartment(lexicon, p, command).name))];
}
