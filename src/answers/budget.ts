/**
 * /budget answers about one department-year document: the entry the tests and callers holding a
 * document use. The topics themselves are answers/topics/*.ts (registered in topics/index.ts); this
 * is `answerTopic` for a topic that needs "document". Pure: no I/O.
 */
import type { Topic } from "../query/topics.js";
import type { Reply } from "../reply/reply.js";
import { answerTopic } from "./answer.js";
import type { OneDocument, Paging } from "./topic.js";

export type { AnswerFinding } from "../domain/findings.js";

/** Inputs of a /budget answer about one document. */
export interface BudgetAnswerInput extends Paging, OneDocument {
  topic: Topic;
}

/** Build the /budget reply for one document and topic. */
export function budgetAnswer(input: BudgetAnswerInput): Reply {
  const { topic, page, commandFor, pageSize, expandCommand, ...document } = input;
  return answerTopic(
    topic,
    { needs: "document", ...document },
    { page, commandFor, pageSize, expandCommand },
  );
}
