/**
 * The one place where validator (zod) issues become what a user reads: Chinese, naming the field,
 * saying what to type instead. Used for chat command arguments and for configuration.
 * A message already written in Chinese by the schema (`z.string().min(1, "请给出…")`) is kept.
 */
import type { z } from "zod";

/** One zod issue. */
export type ValidationIssue = z.core.$ZodIssue;

const CJK = /[\u4e00-\u9fff]/;

/** Chinese names of argument fields that schemas share. */
const FIELD_LABELS = new Map<string, string>([
  ["id", "编号"],
  ["page", "页码"],
  ["year", "年度"],
  ["text", "单位名称"],
  ["department", "单位名称"],
  ["keywords", "关键词"],
  ["departments", "单位"],
  ["schedule", "时间"],
]);

/** The label of an issue's field: a shared Chinese name, else the path itself (e.g. PORT). */
function labelOf(path: readonly PropertyKey[], labels: ReadonlyMap<string, string>): string {
  const key = path.map(String).join(".");
  return labels.get(key) ?? FIELD_LABELS.get(key) ?? (key === "" ? "参数" : key);
}

/** What the value should look like, from the issue's kind. */
function expectation(issue: ValidationIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "int" || issue.expected === "number") return "应为数字（整数）";
      if (issue.expected === "boolean") return "应为 true 或 false";
      return "缺失或无法识别";
    case "too_small": {
      const n = Number(issue.minimum);
      if (issue.origin === "string" || issue.origin === "array") return "不能为空";
      if (n === 0 && !issue.inclusive) return "应为正整数（从 1 开始）";
      return `应不小于 ${issue.inclusive ? n : `${n}（不含）`}`;
    }
    case "too_big":
      if (issue.origin === "string") return `太长（最多 ${Number(issue.maximum)} 个字）`;
      return `应不大于 ${Number(issue.maximum)}`;
    case "invalid_format":
      if (issue.format === "url") return "应为完整的网址（以 https:// 或 http:// 开头）";
      return "格式不对";
    case "invalid_value":
      return `应为以下之一：${issue.values.map(String).join("、")}`;
    case "invalid_union":
      return "无法识别";
    default:
      return "无法识别";
  }
}

/**
 * One Chinese line for an issue: the schema's own Chinese message, else "<字段>应为…".
 * `labels` names fields of this schema (e.g. PORT → PORT（端口）).
 */
export function issueMessage(
  issue: ValidationIssue,
  labels: ReadonlyMap<string, string> = new Map(),
): string {
  if (CJK.test(issue.message)) return issue.message;
  if (issue.code === "invalid_union") {
    // The branch with the fewest problems is the one the user meant.
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0]?.[0];
    if (best) return issueMessage(best, labels);
  }
  return `${labelOf(issue.path, labels)}${expectation(issue)}`;
}

/** All issues as one line, each once. */
export function issuesMessage(
  issues: readonly ValidationIssue[],
  labels: ReadonlyMap<string, string> = new Map(),
): string {
  return [...new Set(issues.map((i) => issueMessage(i, labels)))].join("；");
}
