/**
 * What the /subscribe, /subscriptions and /unsubscribe commands may do with subscriptions,
 * over the store's subscriptions port.
 */
import { platformInfoNamed } from "../platforms/index.js";
import type { SubscriptionService } from "../commands/services.js";
import type { NewSubscription, Subscription, SubscriptionRepository } from "../store/ports.js";

export type { SubscriptionService };


/** Same chat, same departments (any order) and same schedule. */
function sameSubscription(a: NewSubscription, b: Subscription): boolean {
  const da = [...a.departments].sort().join("\n");
  const db = [...b.departments].sort().join("\n");
  return da === db && a.schedule === b.schedule && a.timezone === b.timezone;
}

/** The subscription service over the store. */
export function storeSubscriptions(
  subscriptions: SubscriptionRepository,
  defaults: { timezone: string; defaultSchedule: string },
): SubscriptionService {
  return {
    timezone: defaults.timezone,
    defaultSchedule: defaults.defaultSchedule,
    async create(s) {
      if (!platformInfoNamed(s.platform)) throw new Error(`unknown platform: ${s.platform}`);
      const same = (await subscriptions.list(s)).find((x) => sameSubscription(s, x));
      if (same) return { subscription: same, created: false };
      return { subscription: await subscriptions.insert(s), created: true };
    },
    forChat: (chat) => subscriptions.list(chat),
    remove: (id, chat) => subscriptions.remove(id, chat),
  };
}
