/**
 * What the /subscribe, /subscriptions and /unsubscribe commands may do with subscriptions,
 * over the store (src/store/subscriptions.ts holds the SQL).
 */
import { platformNamed } from "../adapters/registry.js";
import type { Db } from "../store/sqlite/db.js";
import {
  type ChatRef,
  deleteSubscription,
  insertSubscription,
  listSubscriptions,
  type NewSubscription,
  type Subscription,
} from "../store/sqlite/subscriptions.js";

/** Subscription access for commands. */
export interface SubscriptionService {
  /** Time zone new subscriptions are read in (DIGEST_TIMEZONE). */
  readonly timezone: string;
  /** Schedule used when /subscribe names none (DIGEST_DEFAULT_SCHEDULE). */
  readonly defaultSchedule: string;
  /** Store a subscription; an identical one in the same chat is returned instead (created false). */
  create(s: NewSubscription): { subscription: Subscription; created: boolean };
  /** The chat's subscriptions, oldest first. */
  forChat(chat: ChatRef): Subscription[];
  /** Remove one of the chat's subscriptions; false when the chat has none with that id. */
  remove(id: number, chat: ChatRef): boolean;
}

/** Same chat, same departments (any order) and same schedule. */
function sameSubscription(a: NewSubscription, b: Subscription): boolean {
  const da = [...a.departments].sort().join("\n");
  const db = [...b.departments].sort().join("\n");
  return da === db && a.schedule === b.schedule && a.timezone === b.timezone;
}

/** The SQLite-backed subscription service. */
export function sqliteSubscriptions(
  db: Db,
  defaults: { timezone: string; defaultSchedule: string },
): SubscriptionService {
  return {
    timezone: defaults.timezone,
    defaultSchedule: defaults.defaultSchedule,
    create(s) {
      if (!platformNamed(s.platform)) throw new Error(`unknown platform: ${s.platform}`);
      const same = listSubscriptions(db, s).find((x) => sameSubscription(s, x));
      if (same) return { subscription: same, created: false };
      return { subscription: insertSubscription(db, s), created: true };
    },
    forChat: (chat) => listSubscriptions(db, chat),
    remove: (id, chat) => deleteSubscription(db, id, chat),
  };
}
