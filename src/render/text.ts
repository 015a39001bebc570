/**
 * Reply → plain text, for the console adapter, the CLI `ask` command and chat fallbacks.
 * Terminals give CJK two columns, so the table keeps its column order and aligns by display width.
 */
import { formatSource, type Reply, type ReplyAction } from "../reply/reply.js";
import { layoutMonoTable } from "./width.js";

/** "第 1/3 页，共 25 条" for a paged reply (page.index is 0-based). */
export function formatPage(page: NonNullable<Reply["page"]>): string {
  return `第 ${page.index + 1}/${page.count} 页，共 ${page.total} 条`;
}

/** An action written as a hint the user can type: "下一页：/project 后勤 --page 2". */
export function formatActionHint(action: ReplyAction): string {
  return `${action.label}：${action.command}`;
}

/** Render a Reply as plain text: heading, text, fields, aligned table, warnings, notes, sources, page, hints. */
export function renderText(reply: Reply): string {
  const parts: string[][] = [];
  parts.push([reply.heading]);
  if (reply.text?.length) parts.push(reply.text);
  if (reply.fields?.length) parts.push(reply.fields.map((f) => `${f.label}：${f.value}`));
  if (reply.table) {
    const t = layoutMonoTable(reply.table);
    parts.push([...t.head, ...t.rows, ...t.totals]);
  }
  // Candidates to choose from (an error asking back) answer the question: they come before the notes (usage), not at the foot.
  const asked = (a: ReplyAction) => reply.kind === "error" && a.kind === "choose";
  const choices = (reply.actions ?? []).filter(asked);
  if (choices.length) {
    // Right under the question they answer ("您是不是要找：") when it is the last thing above.
    const last = parts[parts.length - 1];
    if (reply.text?.length && last === reply.text)
      parts[parts.length - 1] = [...last, ...choices.map(formatActionHint)];
    else parts.push(choices.map(formatActionHint));
  }
  const tail: string[] = [];
  for (const w of reply.warnings ?? []) tail.push(`⚠ ${w}`);
  for (const n of reply.notes ?? []) tail.push(n);
  for (const s of reply.sources ?? []) tail.push(`来源：${formatSource(s)}`);
  if (tail.length) parts.push(tail);
  const foot: string[] = [];
  if (reply.page) foot.push(formatPage(reply.page));
  for (const a of reply.actions ?? []) if (!asked(a)) foot.push(formatActionHint(a));
  if (reply.attachment) foot.push(`附件：${reply.attachment.filename}`);
  if (foot.length) parts.push(foot);
  return parts
    .filter((p) => p.length > 0)
    .map((p) => p.join("\n"))
    .join("\n\n");
}
