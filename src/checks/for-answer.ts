/** Consistency findings shaped for /budget ⚠ notes. */
import type { AnswerFinding } from "../domain/findings.js";
import { sourceLabel } from "../domain/places.js";
import type { Finding } from "./types.js";

/** The real (non-rounding) findings of a document with the sections they touch, with line numbers. */
export function findingsForAnswer(findings: Finding[]): AnswerFinding[] {
  return findings
    .filter((f) => f.severity !== "rounding")
    .map((f) => {
      const where = [
        ...new Set([f.left.source, ...(f.right ? [f.right.source] : [])].map((s) => sourceLabel(s))),
      ].join("、");
      return {
        message: `${f.message}（${where}）`,
        sections: [f.left.source.section, ...(f.right ? [f.right.source.section] : [])],
        places: [f.left.source, ...(f.right ? [f.right.source] : [])].map((p) => ({
          section: p.section,
          line: p.line,
        })),
      };
    });
}
