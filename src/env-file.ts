/**
 * `.env` in the working folder, read at start when present (as .env.example says): each
 * `NAME=value` line fills a variable the environment does not already set (the environment
 * wins), then the configuration is validated as for the environment itself. Comments (#), blank
 * lines, `export NAME=…` and single- or double-quoted values are accepted; any other line is an
 * error naming its line number.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A malformed `.env` line (exit code 2, like a bad variable). */
export class EnvFileError extends Error {
  override name = "EnvFileError";
}

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** Parse `.env` text into variables; throws EnvFileError naming the first malformed line. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = LINE.exec(line);
    if (!m) throw new EnvFileError(`.env 第${i + 1}行无法识别（应为 名称=值）：${line.slice(0, 40)}`);
    let value = (m[2] ?? "").trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\n/g, "\n");
    } else value = value.startsWith("#") ? "" : value.replace(/\s+#.*$/, "");
    out[m[1] as string] = value;
  });
  return out;
}

/**
 * Fill `env` from `<dir>/.env` when that file exists, without overriding what is set; returns
 * the names taken from the file. Throws EnvFileError (Chinese, with the line) for a malformed line.
 */
export function applyEnvFile(env: NodeJS.ProcessEnv, dir: string): string[] {
  const path = join(dir, ".env");
  if (!existsSync(path)) return [];
  const taken: string[] = [];
  for (const [name, value] of Object.entries(parseEnvFile(readFileSync(path, "utf8")))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    taken.push(name);
  }
  return taken;
}
