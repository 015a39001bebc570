/**
 * The one way a /budget answer is made: the registered topic of the asked kind (topics/index.ts)
 * answers what gather.ts read for its need; a 决算's reply is then put in 决算 words. Pure.
 */
import type { Topic } from "../query/topics.js";
import type { Reply } from "../reply/reply.js";
import { finalWording } from "./final-accounts.js";
import type { Gathered, Paging, TopicInput, TopicKind, TopicNeeds } from "./topic.js";
import { TOPICS } from "./topics/index.js";

/** A registered topic as the runner sees it: its input matches its kind by construction. */
interface Registered {
  needs: TopicNeeds;
  title: (topic: Topic) => string;
  answer: (input: TopicInput<TopicKind, TopicNeeds>) => Reply;
}

/** Which documents the topic of a kind reads (what gather.ts must read for it). */
export function needsOf(kind: TopicKind): TopicNeeds {
  return TOPICS[kind].needs;
}

/** Answer an asked topic from what was gathered for its need. */
export function answerTopic(topic: Topic, gathered: Gathered, paging: Paging): Reply {
  const def = TOPICS[topic.kind] as unknown as Registered;
  if (def.needs !== gathered.needs)
    throw new Error(`topic ${topic.kind} needs ${def.needs}, was given ${gathered.needs}`);
  const { needs: _needs, ...documents } = gathered;
  const reply = def.answer({ ...paging, ...documents, topic, title: def.title(topic) });
  return gathered.needs === "document" && gathered.doc.basis === "final" ? finalWording(reply) : reply;
}
