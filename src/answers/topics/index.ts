/**
 * Every /budget topic, by kind: the one table the answers are looked up in. The `satisfies` makes
 * the compiler report a kind the query layer produces (query/topics.ts) without an entry here, and
 * an entry filed under another kind. A new topic: one file beside this one, one line here.
 */
import type { AnyTopicDef, TopicKind } from "../topic.js";
import assets from "./assets.js";
import basic from "./basic.js";
import expense from "./expense.js";
import income from "./income.js";
import operating from "./operating.js";
import overview from "./overview.js";
import procurement from "./procurement.js";
import project from "./project.js";
import ranking from "./ranking.js";
import sangong from "./sangong.js";
import subject from "./subject.js";
import years from "./years.js";

export const TOPICS = {
  overview,
  income,
  expense,
  basic,
  project,
  sangong,
  operating,
  procurement,
  assets,
  subject,
  years,
  ranking,
} satisfies { [K in TopicKind]: AnyTopicDef<K> };
