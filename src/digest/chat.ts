/** Helpers shared by the subscription commands: which chat asked, and the subscription service. */
import { UserError } from "../commands/errors.js";
import type { Services } from "../commands/services.js";
import type { Invocation } from "../commands/types.js";
import type { DepartmentLexicon } from "../query/department.js";
import { resolveDepartment } from "../query/resolve.js";
import type { ChatRef, Subscription } from "../store/subscriptions.js";
import type { SubscriptionService } from "./service.js";
import { shortName } from "./summary.js";

/** The chat an invocation came from; summaries can only go to Slack channels and Telegram chats. */
export function chatOf(inv: Invocation): ChatRef {
  if (inv.platform !== "slack" && inv.platform !== "telegram") {
    throw new UserError("订阅只能在 Slack 频道或 Telegram 群组（私聊）中管理", [
      "周报会推送到发出订阅命令的频道或群组",
    ]);
  }
  return { platform: inv.platform, chatId: inv.chatId, teamId: inv.teamId ?? null };
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
