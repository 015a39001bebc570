/** What commands may use. Built once in main.ts (composition root) and in the test bot. */

import type { Catalog } from "../catalog/catalog.js";
import type { AnswerFinding } from "../domain/findings.js";
import type { Disclosure } from "../domain/types.js";
import type { DepartmentLexicon } from "../query/department.js";
import type { ChatRef, DocumentInfo, DocumentSource, NewSubscription, Subscription } from "../store/ports.js";

/** Services injected into every command. */
export interface Services {
  catalog: Catalog;
  /** Department name resolution over the catalog's departments. */
  lexicon: () => DepartmentLexicon;
  /** The consistency findings of a document (⚠ notes). */
  findings: (doc: Disclosure) => Promise<AnswerFinding[]>;
  /** Injected clock (今年/去年, schedules). */
  clock: () => Date;
  /** Weekly summary subscriptions (absent where no database backs the services). */
  subscriptions?: SubscriptionService;
  /** The stored documents behind answers (absent where no database backs the services). */
  documents?: DocumentService;
}

/** A stored document with who sent it in chat (null: from the command line or first start). */
export interface DocumentEntry {
  info: DocumentInfo;
  source: DocumentSource | null;
}

/** The stored documents, for /documents and /remove. */
export interface DocumentService {
  /** The documents of a department (one year when given), year then file order. */
  ofDepartment(department: string, year: number | null): Promise<DocumentEntry[]>;
  /** Remove a document; answers stop using it at once. Null when there is none with this id. */
  remove(docId: number): Promise<DocumentInfo | null>;
}

/** Subscription access for commands. */
export interface SubscriptionService {
  /** Time zone new subscriptions are read in (DIGEST_TIMEZONE). */
  readonly timezone: string;
  /** Schedule used when /subscribe names none (DIGEST_DEFAULT_SCHEDULE). */
  readonly defaultSchedule: string;
  /** Store a subscription; an identical one in the same chat is returned instead (created false). */
  create(s: NewSubscription): Promise<{ subscription: Subscription; created: boolean }>;
  /** The chat's subscriptions, oldest first. */
  forChat(chat: ChatRef): Promise<Subscription[]>;
  /** Remove one of the chat's subscriptions; false when the chat has none with that id. */
  remove(id: number, chat: ChatRef): Promise<boolean>;
}
