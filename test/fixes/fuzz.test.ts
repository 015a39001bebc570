/**
 * Issue 11: a few hundred generated odd lines through the real dispatcher (seeded, so a failure
 * reproduces): JavaScript property names, validator edge cases, control and invisible characters,
 * FTS syntax, huge lines, mixed punctuation. No reply may show JavaScript or validator internals,
 * exceed a platform limit, come from the unexpected-error path, or take more than a second.
 */
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { blockTextLength, renderSlack } from "../../src/adapters/slack/render.js";
import { renderTelegram } from "../../src/adapters/telegram/render.js";
import { createDispatcher } from "../../src/commands/dispatch.js";
import type { Dispatcher, Platform } from "../../src/commands/types.js";
import {
  SLACK_MAX_BLOCKS,
  SLACK_TOP_TEXT_MAX,
  SLACK_TOTAL_BLOCK_TEXT_MAX,
  TELEGRAM_MESSAGE_MAX,
} from "../../src/platforms/limits.js";
import { normalizeText } from "../../src/query/normalize.js";
import { renderText } from "../../src/render/index.js";
import { startTestBot, type TestBot } from "../helpers/test-bot.js";

/** mulberry32: a small seeded PRNG, so every run sends the same lines. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROPERTY_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "prototype",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupSetter__",
  "then",
  "length",
];
const VALIDATOR_EDGES = [
  "#0",
  "#-1",
  "#1.5",
  "#1e9",
  "#99999999999999999999",
  "#abc",
  "#",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "0x10",
  "1e3",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "0",
  "-1",
  "2147483648",
  "9007199254740993",
];
const FTS = [
  '"',
  '""',
  '"后勤',
  "*",
  "后*",
  "NEAR(",
  "NEAR(后勤 保障)",
  "OR",
  "AND",
  "NOT",
  "后勤 OR 物业",
  "^",
  ":",
  "(",
  ")",
  "-",
  "+",
  "col:后勤",
  "'",
  "\\",
  "%",
  "_",
];
const CONTROL = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u200b",
  "\u200e",
  "\u202e",
  "\ufeff",
  "\u00ad",
  "\ud83d",
  "\n",
  "\t",
  "\r\n",
];
const PUNCT = [
  "，",
  "、",
  "。",
  "？",
  "：",
  "；",
  "！",
  "……",
  "——",
  "“",
  "”",
  "《",
  "》",
  "（",
  "）",
  "【",
  "】",
  "·",
  "～",
  "!?",
  "...",
];
const WORDS = [
  "容东",
  "容東",
  "2024",
  "二〇二四",
  "24年",
  "3000年",
  "2024.5",
  "-2024",
  "三公",
  "出国",
  "支出",
  "212",
  "收入",
  "基本支出",
  "项目",
  "政府采购",
  "资产",
  "卫生健康",
  "208001",
  "雄安容东",
  "白沟",
  "行宫东",
  "导出",
  "尾差",
  "公开",
  "--page",
  "--page -1",
  "--page 99999",
  "--page abc",
  "第2页",
  "第九十九页",
  "p0",
  "后勤保障",
  "养老",
  "每周一 09:00",
  "0 25 * * 1",
  "每天 08:00",
  "今年",
  "明年",
  "去年度",
  "🙂",
  "𠮷",
  "Ａｂｃ",
  "@other_bot",
];
const COMMANDS = [
  "/budget",
  "/project",
  "/check",
  "/help",
  "/start",
  "/subscribe",
  "/unsubscribe",
  "/subscriptions",
  "/预算",
  "/项目",
  "/budget@other_bot",
  "／budget",
  "/nosuch",
  "",
  "/",
];

/** One odd chat line. */
function oddLine(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const pools = [PROPERTY_NAMES, VALIDATOR_EDGES, FTS, CONTROL, PUNCT, WORDS, WORDS, WORDS];
  const n = 1 + Math.floor(rand() * 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = pick(pick(pools));
    parts.push(rand() < 0.3 ? `${w}${pick(CONTROL)}${pick(WORDS)}` : w);
  }
  const sep = rand() < 0.5 ? " " : pick(PUNCT);
  let line = `${pick(COMMANDS)} ${parts.join(sep)}`;
  const r = rand();
  if (r < 0.04) line += "容".repeat(400 + Math.floor(rand() * 200));
  else if (r < 0.07) line = `/project ${"后勤 OR ".repeat(2000)}`;
  else if (r < 0.09) line = `/budget 容东 2024 ${pick(PROPERTY_NAMES).repeat(40)}`;
  return line;
}

/** What no reply may contain: JavaScript, validator or runtime internals. */
const INTERNALS =
  /function|\[native code\]|undefined|NaN|Infinity|\[object |Invalid input|Invalid option|expected|received|Too small|Too big|TypeError|RangeError|SqliteError|fts5|syntax error|at [\w.<>]+ \(|\.ts:\d+/;

let bot: TestBot;
let dispatcher: Dispatcher;
const unexpected: unknown[] = [];
beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
  dispatcher = createDispatcher(commands, bot.core.services, {
    info: () => {},
    error: (msg, extra) => unexpected.push({ msg, extra }),
  });
});
afterAll(() => bot.close());

describe("odd lines through the dispatcher", () => {
  it("never show internals, never exceed a platform limit, never fail unexpectedly, each within a second", {
    timeout: 120_000,
  }, async () => {
    const rand = prng(20241201);
    const platforms: Platform[] = ["console", "telegram", "slack", "cli"];
    for (let i = 0; i < 400; i++) {
      const line = oddLine(rand);
      const platform = platforms[i % platforms.length] as Platform;
      const label = `#${i} ${JSON.stringify(line.slice(0, 120))}`;
      const started = performance.now();
      const reply = await dispatcher.dispatch({
        text: line,
        platform,
        userId: "fuzz",
        chatId: `chat-${i % 3}`,
      });
      const text = renderText(reply);
      const tg = renderTelegram(reply);
      const slack = renderSlack(reply);
      const took = performance.now() - started;
      expect(took, `${label} took ${Math.round(took)} ms`).toBeLessThan(1000);
      // Words the user typed may be echoed (clipped); anything else matching is an internal.
      const typed = normalizeText(line).toLowerCase();
      const leaked = [...text.matchAll(new RegExp(INTERNALS.source, "g"))]
        .map((m) => m[0])
        .filter((m) => !typed.includes(m.toLowerCase()));
      expect(leaked, `${label}\n${text}`).toEqual([]);
      for (const m of tg) expect(m.text.length, label).toBeLessThanOrEqual(TELEGRAM_MESSAGE_MAX);
      expect(slack.text.length, label).toBeLessThanOrEqual(SLACK_TOP_TEXT_MAX);
      expect(slack.blocks.length, label).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
      expect(blockTextLength(slack.blocks), label).toBeLessThanOrEqual(SLACK_TOTAL_BLOCK_TEXT_MAX);
      expect(unexpected, label).toEqual([]);
    }
  });
});
