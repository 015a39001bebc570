/**
 * Where a reply's file goes on a terminal: the console and `bot ask` write a CSV export to the
 * current folder (or `--out`) and say where, instead of "see attachment" with nothing attached.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Reply } from "../reply/reply.js";

/**
 * Write the reply's attachment and return the reply with a line naming the written file.
 * `target` is a folder (the file keeps its name) or a file path; relative to `cwd`.
 */
export function saveAttachment(reply: Reply, target: string, cwd: string): Reply {
  const a = reply.attachment;
  if (!a) return reply;
  const abs = resolve(cwd, target);
  const path = existsSync(abs) && statSync(abs).isDirectory() ? join(abs, a.filename) : abs;
  writeFileSync(path, a.content, "utf8");
  const { attachment: _a, ...rest } = reply;
  return { ...rest, text: [...(reply.text ?? []), `已写入文件：${path}`] };
}
