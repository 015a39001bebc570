/**
 * Where a reply's file goes on a terminal: the console and `bot ask` write a CSV export to the
 * current folder (or `--out`) and say where, instead of "see attachment" with nothing attached.
 */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import type { Reply } from "../reply/reply.js";

/**
 * Write the reply's attachment and return the reply with a line naming the written file.
 * `target` is a folder (the file keeps its name) or a file path; relative to `cwd`.
 */
export function saveAttachment(reply: Reply, target: string, cwd: string): Reply {
  const a = reply.attachment;
  if (!a) return reply;
  const abs = resolve(cwd, target);
  const path = freePath(existsSync(abs) && statSync(abs).isDirectory() ? join(abs, a.filename) : abs);
  writeFileSync(path, a.content, { encoding: "utf8", flag: "wx" });
  const { attachment: _a, ...rest } = reply;
  // One path: the line naming the file now names where it was written.
  const named = (reply.text ?? []).filter((l) => !l.endsWith(`：${a.filename}`));
  return { ...rest, text: [...named, `已写入文件：${path}`] };
}

/** `path`, or `name（2）.csv`, `name（3）.csv` … when it exists: an export never overwrites a file. */
export function freePath(path: string): string {
  if (!existsSync(path)) return path;
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  for (let i = 2; ; i++) {
    const next = `${stem}（${i}）${ext}`;
    if (!existsSync(next)) return next;
  }
}
