/** Consistency findings shaped for /budget ⚠ notes. */
import type { AnswerFinding } from "../domain/findings.js";
import type { Finding } from "./types.js";

/** The real (non-rounding) findings of a document with the sections they touch, with line numbers. */
export function findingsForAnswer(findings: Finding[]): AnswerFinding[] {
  return findings
    .filter((f) => f.severity !== "rounding")
    .map((f) => {
      const lines = [f.left.source.line, f.right?.source.line].filter((l): l is number => l !== undefined);
      const where = [...new Set(lines)].map((l) => `第${l}行`).join("、");
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
