/** /check answers: a document's consistency findings grouped by severity, paged. Pure. */
import type { Finding, RuleRun, Severity } from "../checks/index.js";
import { sourceLabel } from "../domain/places.js";
import type { Disclosure } from "../domain/types.js";
import type { Reply } from "../reply/reply.js";
import { paginate, replySource, separateAmounts } from "./format.js";

const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "存疑", rounding: "尾差" };
const ORDER: Severity[] = ["error", "warning", "rounding"];

/** The units the findings' amounts are written in ("…相差 841.70 万元", "…相差 1,200 元"). */
function unitsNote(findings: Finding[]): string {
  const units = new Set<string>();
  for (const f of findings)
    for (const m of f.message.matchAll(/\d\s*(亿元|万元|元)/g)) units.add(m[1] as string);
  if (units.size === 0) return "";
  if (units.size === 1) return `金额单位：${[...units][0]}；`;
  return `金额单位：各条自注（${[...units].join("、")}）；`;
}

/** Findings per page. */
export const CHECK_PAGE_SIZE = 8;

/** Build the /check reply. Rounding findings (≤ 0.01 万元) are counted, and listed only when asked. */
/** "决算" after the year for a 决算 (a 预算 heading is unchanged). */
function basisWord(doc: Disclosure): string {
  return doc.basis === "final" ? "决算" : "";
}

/**
 * The rule-set line of a reply: how many of the 预算/决算 rules ran, which were skipped and why, and
 * where a rule could not check.
 */
export function ruleSetNotes(doc: Disclosure, report: RuleRun[]): string[] {
  const kind = doc.basis === "final" ? "决算" : "预算";
  const ran = report.filter((r) => r.status === "ran");
  const skipped = report.filter((r) => r.status === "skipped" && !/^不适用于/.test(r.reason ?? ""));
  const notes = [
    `按${kind}规则核对：运行 ${ran.length} 条${skipped.length ? `，跳过 ${skipped.length} 条` : ""}`,
  ];
  const reasons = new Map<string, string[]>();
  for (const r of skipped) reasons.set(r.reason ?? "", [...(reasons.get(r.reason ?? "") ?? []), r.name]);
  for (const [why, names] of reasons) notes.push(`未核对：${names.join("、")}（${why}）`);
  const unchecked = [...new Set(ran.flatMap((r) => r.unchecked))];
  if (unchecked.length)
    notes.push(
      `无法核对：${unchecked.slice(0, 5).join("；")}${unchecked.length > 5 ? ` 等 ${unchecked.length} 处` : ""}`,
    );
  return notes;
}

export function checkReply(
  doc: Disclosure,
  findings: Finding[],
  opts: {
    page: number;
    includeRounding: boolean;
    commandFor: (page: number) => string;
    pageSize?: number;
    /** Which rules ran and which were skipped, shown under the findings. */
    report?: RuleRun[];
  },
): Reply {
  const ruleNotes = opts.report ? ruleSetNotes(doc, opts.report) : [];
  const name = doc.department.name ?? "未知单位";
  const counts = ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const);
  const shown = findings
    .filter((f) => opts.includeRounding || f.severity !== "rounding")
    .sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  const summary = counts.map(([s, n]) => `${SEVERITY_LABEL[s]} ${n} 处`).join("，");
  if (shown.length === 0) {
    return {
      heading: `${name} ${doc.year ?? ""}年${basisWord(doc)} 自查：未发现不一致`,
      text: [
        summary,
        counts[2]?.[1]
          ? "尾差可用 /check <单位> 尾差 查看"
          : "文件各处数字相互一致（未列示的数字不参与核对）",
      ],
      ...(ruleNotes.length ? { notes: ruleNotes } : {}),
      sources: [{ file: doc.file, section: "全文", line: 1 }],
      kind: "answer",
    };
  }
  const pageSize = opts.pageSize ?? CHECK_PAGE_SIZE;
  const paged = paginate(shown, opts.page, opts.commandFor, pageSize);
  return {
    heading: `${name} ${doc.year ?? ""}年${basisWord(doc)} 自查发现 ${shown.length} 处不一致`,
    text: [
      summary,
      ...paged.rows.map((f, i) => {
        const n = (paged.page?.index ?? 0) * pageSize + i + 1;
        const where = [
          `${f.left.label} ${sourceLabel(f.left.source)}`,
          ...(f.right ? [`${f.right.label} ${sourceLabel(f.right.source)}`] : []),
        ];
        return `${n}.【${SEVERITY_LABEL[f.severity]}】${separateAmounts(f.message)}（${where.join(" ↔ ")}）`;
      }),
    ],
    notes: [
      ...paged.notice,
      `${unitsNote(paged.rows)}尾差 = 相差不超过 0.01 万元`,
      ...(opts.includeRounding || !counts[2]?.[1] ? [] : ["尾差未列出，可用 /check <单位> 尾差 查看"]),
      ...ruleNotes,
    ],
    sources: paged.rows
      .flatMap((f) => [f.left.source, ...(f.right ? [f.right.source] : [])])
      .filter((s, i, all) => all.findIndex((x) => x.section === s.section && x.line === s.line) === i)
      .map(replySource),
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
    kind: "answer",
  };
}
