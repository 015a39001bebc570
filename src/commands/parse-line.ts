/** Split a chat line into command name and argument text. */

/** The command part of a chat line: "/budget@bot 容东 2024" → { name: "budget", rest: "容东 2024" }. */
export interface CommandLine {
  name: string;
  rest: string;
}

/**
 * Parse "/name args". Accepts a full-width slash, a Telegram "@botname" suffix and surrounding
 * blanks. Returns null when the line does not start with a slash.
 */
export function parseCommandLine(line: string): CommandLine | null {
  const t = line.replace(/\u3000/g, " ").trim();
  const m = /^[/／]([^\s@]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(t);
  if (!m) return null;
  return { name: (m[1] ?? "").toLowerCase(), rest: (m[2] ?? "").trim() };
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min(
        (prev[j] as number) + 1,
        (prev[j - 1] as number) + 1,
        diag + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}
