/**
 * Summary schedules: Chinese phrases (每周一 09:00, 每天 08:00, 工作日 18:00, 每月1日 09:00) or a
 * 5-field cron expression → cron, validated with croner in the subscription's time zone; cron →
 * Chinese for /subscriptions; the latest slot at or before a time and the next slot after it.
 * Pure: every "now" is passed in.
 */
import { Cron } from "croner";
import { UserError } from "../domain/errors.js";

/** Shortest allowed gap between two summaries of one subscription. */
export const MIN_INTERVAL_MS = 60 * 60 * 1000;

const WEEKDAYS = new Map<string, number>(
  Object.entries({ 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 0 }),
);
const WEEKDAY_NAMES = ["日", "一", "二", "三", "四", "五", "六"];

/** A 5-field cron field: digits, *, ranges, steps, lists, names (MON, JAN). */
const CRON_FIELD = /^(?:[0-9*]|[A-Za-z]{3})[0-9A-Za-z*/,-]*$/;

/** A trailing 5-field cron expression in a line of arguments. */
const TRAILING_CRON = /(?:^|\s)(\S+\s+\S+\s+\S+\s+\S+\s+\S+)\s*$/;

/** Time of day: 09:00, 9：30, 9点, 9点半, 下午5点30分. */
const TIME = /(上午|早上|早晨|中午|下午|晚上)?\s*(\d{1,2})(?:[:：](\d{2})|点(?:(\d{1,2})分?|(半))?)/;

/** Day phrases → the cron day fields (day-of-month, day-of-week). */
const DAY_PHRASES: Array<{ re: RegExp; fields: (m: RegExpExecArray) => [string, string] }> = [
  { re: /(?:每天|每日)/, fields: () => ["*", "*"] },
  { re: /(?:每个?工作日|工作日|周一至周五)/, fields: () => ["*", "1-5"] },
  {
    re: /(?:每|逢)?(?:周|星期|礼拜)([一二三四五六日天七])(?:(?:[、,，和及]|至|到)(?:周|星期)?([一二三四五六日天七]))?/,
    fields: (m) => {
      const a = WEEKDAYS.get(m[1] as string) as number;
      const bChar = m[2];
      if (bChar === undefined) return ["*", String(a)];
      const b = WEEKDAYS.get(bChar) as number;
      const isRange = /至|到/.test(m[0]);
      return ["*", isRange ? `${a}-${b}` : `${a},${b}`];
    },
  },
  { re: /每月\s*(\d{1,2})\s*[日号]/, fields: (m) => [String(Number(m[1])), "*"] },
];

/** Parsed schedule text: the cron expression and the part of the input it came from. */
export interface ParsedSchedule {
  cron: string;
  /** The schedule words as typed (removed from the argument line). */
  matched: string;
}

/** Read the hour and minute of a time phrase; null when out of range. */
function timeOf(m: RegExpExecArray): [number, number] | null {
  let hour = Number(m[2]);
  const minute = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? Number(m[4]) : m[5] ? 30 : 0;
  const part = m[1];
  if ((part === "下午" || part === "晚上") && hour < 12) hour += 12;
  if (part === "中午" && hour < 11) hour += 12;
  if (hour > 23 || minute > 59) return null;
  return [hour, minute];
}

/**
 * Find a schedule in an argument line: a trailing 5-field cron expression, or a Chinese day phrase
 * with an optional time (default 09:00). Returns the schedule and the rest of the line, or the
 * line unchanged with schedule null when none is written.
 */
export function extractSchedule(line: string): { schedule: ParsedSchedule | null; rest: string } {
  const text = line.replace(/\u3000/g, " ").trim();
  const cron = TRAILING_CRON.exec(text);
  if (cron) {
    const fields = (cron[1] as string).split(/\s+/);
    if (fields.every((f) => CRON_FIELD.test(f)) && fields.some((f) => /[0-9*]/.test(f))) {
      return {
        schedule: { cron: fields.join(" "), matched: cron[1] as string },
        rest: text.slice(0, cron.index).trim(),
      };
    }
  }
  for (const phrase of DAY_PHRASES) {
    const d = phrase.re.exec(text);
    if (!d) continue;
    const [dom, dow] = phrase.fields(d);
    const after = text.slice(d.index + d[0].length);
    const t = TIME.exec(after);
    // The time must follow the day phrase directly (blanks allowed), e.g. "每周一 09:00".
    const timeHere = t && after.slice(0, t.index).trim() === "" ? t : null;
    let hm: [number, number] = [9, 0];
    if (timeHere) {
      const parsed = timeOf(timeHere);
      if (!parsed) throw new UserError(`无法识别的时间：${timeHere[0].trim()}`, ["时间写作 09:00 或 9点半"]);
      hm = parsed;
    }
    const end = d.index + d[0].length + (timeHere ? timeHere.index + timeHere[0].length : 0);
    const matched = text.slice(d.index, end).trim();
    const rest = `${text.slice(0, d.index)} ${text.slice(end)}`.replace(/\s+/g, " ").trim();
    return { schedule: { cron: `${hm[1]} ${hm[0]} ${dom} * ${dow}`, matched }, rest };
  }
  if (TIME.test(text)) {
    throw new UserError("请同时写明周期和时间", [
      "例如：每周一 09:00、每天 08:00、每周五 17:30，或 cron 表达式 0 9 * * 1",
    ]);
  }
  return { schedule: null, rest: text };
}

/**
 * A schedule written on its own (the CLI's --schedule, a setting): the same phrases as in chat
 * (每周五 17:30, 每天 08:00) or a cron expression, as cron. Text that is neither is returned as
 * it is, for validateSchedule to say what is wrong.
 */
export function scheduleCron(text: string): string {
  const { schedule, rest } = extractSchedule(text);
  return schedule && rest === "" ? schedule.cron : text.trim();
}

/** A croner job that never fires, for computing slots. */
function cronOf(expr: string, timezone: string): Cron {
  return new Cron(expr, { timezone, paused: true, mode: "5-part" });
}

/**
 * Check a cron expression with croner: exactly 5 fields, valid values, fires at some point, and
 * not more often than MIN_INTERVAL_MS. Throws a UserError saying what is wrong.
 */
export function validateSchedule(expr: string, timezone: string, now: Date): void {
  let job: Cron;
  try {
    job = cronOf(expr, timezone);
  } catch {
    // croner's own message is English and about its internals: say what to type instead.
    const parts = expr.trim().split(/\s+/).length;
    const why = parts === 5 ? "某一段的取值超出范围" : `应为 5 段，收到 ${parts} 段`;
    throw new UserError(`时间表“${expr}”无效：${why}`, [
      "cron 为 5 段：分 时 日 月 周，例如 0 9 * * 1（每周一 09:00）",
    ]);
  }
  const next = job.nextRuns(3, now);
  if (next.length === 0) throw new UserError(`时间表“${expr}”不会再触发`);
  for (let i = 1; i < next.length; i++) {
    if ((next[i] as Date).getTime() - (next[i - 1] as Date).getTime() < MIN_INTERVAL_MS) {
      throw new UserError(`时间表“${expr}”过于频繁：两次推送至少间隔 1 小时`);
    }
  }
}

/** The latest slot at or before `at` (a slot exactly at `at` counts), or null. */
export function latestSlot(expr: string, timezone: string, at: Date): Date | null {
  // croner's previousRuns excludes a run at the reference instant itself, so look from 1 ms later.
  return cronOf(expr, timezone).previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
}

/** The first slot strictly after `at`, or null. */
export function nextSlot(expr: string, timezone: string, at: Date): Date | null {
  return cronOf(expr, timezone).nextRun(at);
}

/** Calendar date and time of an instant in a time zone. */
export interface ZonedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock date and time of `date` in `timezone`. */
export function zonedTime(date: Date, timezone: string): ZonedTime {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2024-03-04 09:00" in the given time zone. */
export function formatZoned(date: Date, timezone: string): string {
  const z = zonedTime(date, timezone);
  return `${z.year}-${pad(z.month)}-${pad(z.day)} ${pad(z.hour)}:${pad(z.minute)}`;
}

/** "2024-03-04" in the given time zone. */
export function formatZonedDate(date: Date, timezone: string): string {
  return formatZoned(date, timezone).slice(0, 10);
}

/** A time zone as users read it: Asia/Shanghai is 北京时间. */
export function zoneName(timezone: string): string {
  return timezone === "Asia/Shanghai" ? "北京时间" : timezone;
}

function weekdayList(field: string): string | null {
  const range = /^([0-7])-([0-7])$/.exec(field);
  if (range) {
    if (field === "1-5") return "工作日";
    return `每周${WEEKDAY_NAMES[Number(range[1]) % 7]}至周${WEEKDAY_NAMES[Number(range[2]) % 7]}`;
  }
  if (!/^[0-7](,[0-7])*$/.test(field)) return null;
  return `每周${field
    .split(",")
    .map((d) => WEEKDAY_NAMES[Number(d) % 7])
    .join("、")}`;
}

/** Cron → Chinese: "每周一 09:00（北京时间）"; other expressions as "cron 表达式 …". */
export function describeSchedule(expr: string, timezone: string): string {
  const zone = `（${zoneName(timezone)}）`;
  const f = expr.trim().split(/\s+/);
  if (
    f.length === 5 &&
    /^\d{1,2}$/.test(f[0] as string) &&
    /^\d{1,2}$/.test(f[1] as string) &&
    f[3] === "*"
  ) {
    const time = `${pad(Number(f[1]))}:${pad(Number(f[0]))}`;
    const [dom, dow] = [f[2] as string, f[4] as string];
    if (dom === "*" && dow === "*") return `每天 ${time}${zone}`;
    if (dom === "*") {
      const days = weekdayList(dow);
      if (days) return `${days} ${time}${zone}`;
    }
    if (/^\d{1,2}$/.test(dom) && dow === "*") return `每月${Number(dom)}日 ${time}${zone}`;
  }
  return `cron 表达式 ${expr}${zone}`;
}
