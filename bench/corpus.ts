/**
 * Synthetic disclosure corpus for the benchmark, built from the seed disclosures' own shapes.
 *
 * Each synthetic department gets one template (DOCX full disclosure 000, DOCX performance text
 * 003, or PDF performance text 004) and, per year, a copy of that template with its department
 * code and name, the years, the amounts, the project names and codes substituted, and a random
 * subset of its project tables kept (real departments differ in how many projects they have).
 * Everything is drawn from one seeded PRNG, so the same options give byte-identical files.
 *
 * Template facts (department, code, year, project names and title lines) are read with the real
 * parser, never hard-coded, so a changed seed still yields a valid corpus.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { textModel } from "../src/ingest/formats/text.js";
import { parseDisclosure } from "../src/ingest/parse.js";

/** The sha256 of a text's UTF-8 bytes (what `bot ingest` keys a file by). */
function sha256Of(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Deterministic PRNG (mulberry32): same seed, same sequence. */
export function rng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG. */
export interface Rand {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
}

/** Wraps a PRNG with int/pick helpers. */
export function rand(seed: number): Rand {
  const next = rng(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)] as (typeof xs)[number],
  };
}

/** One seed file used as a template. */
export interface Template {
  /** Short id: the seed's number ("000", "003", "004"). */
  id: string;
  /** Layout, for the report. */
  layout: string;
  lines: string[];
  deptName: string;
  deptCode: string;
  /** What separates code and name on the unit line ("" or " "). */
  codeSep: string;
  year: number;
  /** Project names as parsed and 1-based title lines, in document order. */
  projects: Array<{ name: string; line: number }>;
  /** 科目 names and codes of its standard tables (what people ask /budget about). */
  subjects: string[];
}

/** A synthetic department. */
export interface SynthDepartment {
  index: number;
  name: string;
  code: string;
  /** The place part ("东安"), what people type. */
  place: string;
  /** The short form people type ("东安管委会"). */
  short: string;
  /** The administrative prefix ("保定市"). */
  region: string;
  template: string;
}

/** One generated file. */
export interface SynthFile {
  file: string;
  department: SynthDepartment;
  year: number;
  template: string;
  text: string;
  /** Names of the project tables kept, in order. */
  projects: string[];
}

/** Templates: which seed, which layout, and the share of departments built from it. */
const TEMPLATE_MIX: Array<{ prefix: string; layout: string; share: number }> = [
  { prefix: "000_", layout: "DOCX full disclosure", share: 0.6 },
  { prefix: "003_", layout: "DOCX performance text", share: 0.2 },
  { prefix: "004_", layout: "PDF performance text", share: 0.2 },
];

/** Escape a literal for a RegExp. */
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A pattern for `text` that also matches it broken by blanks or line breaks between characters. */
function loosePattern(text: string): string {
  return [...text.replace(/\s+/g, "")].map(escapeRe).join("\\s*");
}

/** Reads one seed as a template. */
function loadTemplate(dataDir: string, file: string, layout: string): Template {
  const text = readFileSync(join(dataDir, file), "utf8");
  const d = parseDisclosure(textModel(text), file, {}, sha256Of(text));
  if (!d.department.name || !d.department.code || !d.year) {
    throw new Error(`template ${file}: department, code and year must be stated on the page`);
  }
  const codeSep = text.includes(`${d.department.code} ${d.department.name}`) ? " " : "";
  return {
    id: file.slice(0, 3),
    layout,
    lines: text.split("\n"),
    deptName: d.department.name,
    deptCode: d.department.code,
    codeSep,
    year: d.year,
    projects: d.projects.map((p) => ({ name: p.name, line: p.line })),
    subjects: [
      ...new Set(
        d.tables.flatMap((t) =>
          t.rows
            .filter((r) => r.code !== null && r.name.length >= 2 && r.name.length <= 12)
            .flatMap((r) => [r.name, r.code as string]),
        ),
      ),
    ],
  };
}

/** Every project title in the seeds (lines ending in 绩效目标表), without numbering and year. */
function projectTitlePool(dataDir: string): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(dataDir).filter((n) => n.endsWith(".txt"))) {
    for (const raw of readFileSync(join(dataDir, f), "utf8").split("\n")) {
      const line = raw
        .replace(/\[bookmark:[^\]]*\]/g, "")
        .replace(/\{[^}]*\}/g, "")
        .replace(/\s+/g, "");
      const m = /^(?:\d+[.、．])?(.+)绩效目标表$/.exec(line);
      if (!m?.[1]) continue;
      const name = m[1].replace(/^\d{4}年度?/, "");
      if (name.length < 4 || name.length > 40 || /部门整体|^重大政策/.test(name)) continue;
      out.add(name);
    }
  }
  return [...out].sort();
}

/** Characters that make plausible two-character place names. */
const PLACE_CHARS = [
  ..."东西南北中新安和平兴华泰康宁福寿永昌盛金银河湖山川源清明光荣德秀丰裕龙凤桥林园阳春秋文武",
];
const REGIONS = [
  "河北雄安新区",
  "保定市",
  "三河市",
  "承德高新技术产业开发区",
  "廊坊市安次区",
  "石家庄市长安区",
  "唐山市路北区",
  "沧州市",
  "邯郸市丛台区",
  "衡水市",
  "张家口市",
  "邢台市",
];
/**
 * Organisational suffixes with the short form people type, as far as the department lexicon
 * derives it (管委会, 街道, 社区办); the others are typed in full.
 */
const SUFFIXES: Array<[string, string]> = [
  ["管理委员会", "管委会"],
  ["街道办事处", "街道"],
  ["社区管理办公室", "社区办"],
  ["教育局", "教育局"],
  ["卫生健康局", "卫生健康局"],
  ["民政局", "民政局"],
  ["财政局", "财政局"],
  ["住房和城乡建设局", "住房和城乡建设局"],
  ["文化广电和旅游局", "文化广电和旅游局"],
  ["综合行政执法局", "综合行政执法局"],
];

/** The synthetic departments: unique names and codes, one template each. */
function makeDepartments(n: number, r: Rand): SynthDepartment[] {
  const out: SynthDepartment[] = [];
  const names = new Set<string>();
  const cumulative = TEMPLATE_MIX.map((_, i) =>
    TEMPLATE_MIX.slice(0, i + 1).reduce((s, t) => s + t.share, 0),
  );
  while (out.length < n) {
    const place = r.pick(PLACE_CHARS) + r.pick(PLACE_CHARS);
    if (place[0] === place[1]) continue;
    const [suffix, short] = r.pick(SUFFIXES);
    const region = r.pick(REGIONS);
    const name = `${region}${place}${suffix}`;
    if (names.has(name)) continue;
    names.add(name);
    const u = r.next();
    const t = TEMPLATE_MIX[cumulative.findIndex((c) => u < c)] ?? TEMPLATE_MIX[0];
    out.push({
      index: out.length,
      name,
      code: String(100001 + out.length * 7),
      place,
      short: `${place}${short}`,
      region,
      template: (t as (typeof TEMPLATE_MIX)[0]).prefix.slice(0, 3),
    });
  }
  return out;
}

/** "1234.50" for 123450 cents. */
function cents(c: number): string {
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
}

/** A decimal amount with two places, not part of a date ("2023.12.31") or a percentage. */
const AMOUNT = /(?<![\d.])(\d{1,9})\.(\d{2})(?![\d%])(?!\.\d)/g;
/** A four-digit year on its own (not inside codes or amounts). */
const YEAR = /(?<![\d.])(20[12]\d)(?![\d])(?!\.\d)/g;
/** The 8-digit prefix of a project code ("13660024P0044…"). */
const CODE_PREFIX = /(?<![0-9A-Za-z])\d{8}(?=P\d)/g;

/** Generates the corpus; `files` is lazy so that only one text is held at a time. */
export class CorpusGenerator {
  readonly templates: Map<string, Template>;
  readonly pool: string[];
  readonly departments: SynthDepartment[];
  readonly years: number[];
  private readonly seed: number;

  constructor(opts: { dataDir: string; departments: number; years: number; seed: number }) {
    this.seed = opts.seed;
    this.templates = new Map();
    for (const t of TEMPLATE_MIX) {
      const file = readdirSync(opts.dataDir).find((f) => f.startsWith(t.prefix) && f.endsWith(".txt"));
      if (!file) throw new Error(`seed ${t.prefix}*.txt not found in ${opts.dataDir}`);
      const tpl = loadTemplate(opts.dataDir, file, t.layout);
      this.templates.set(tpl.id, tpl);
    }
    this.pool = projectTitlePool(opts.dataDir);
    this.departments = makeDepartments(opts.departments, rand(opts.seed));
    const newest = Math.max(...[...this.templates.values()].map((t) => t.year));
    this.years = Array.from({ length: opts.years }, (_, i) => newest - i);
  }

  /** Number of files the corpus has. */
  get size(): number {
    return this.departments.length * this.years.length;
  }

  /** Every file, department by department, newest year first. */
  *files(): Generator<SynthFile> {
    for (const dept of this.departments) {
      for (const year of this.years) yield this.file(dept, year);
    }
  }

  /** The file of one department-year (deterministic on its own: seeded by department and year). */
  file(dept: SynthDepartment, year: number): SynthFile {
    const tpl = this.templates.get(dept.template) as Template;
    const r = rand(this.seed ^ Math.imul(dept.index + 1, 0x9e3779b1) ^ Math.imul(year, 0x85ebca6b));
    // Which project tables to keep: the last always (it closes the document), a random subset before it.
    const n = tpl.projects.length;
    const keepCount = Math.min(n, r.int(Math.min(n, 8), n));
    const keep = new Set<number>([n - 1]);
    while (keep.size < keepCount) keep.add(r.int(0, n - 2));
    const dropped = new Set<number>();
    tpl.projects.forEach((p, i) => {
      if (keep.has(i)) return;
      const end = (tpl.projects[i + 1] as { line: number }).line;
      for (let l = p.line; l < end; l++) dropped.add(l);
    });
    let text = tpl.lines.filter((_, i) => !dropped.has(i + 1)).join("\n");

    // New project names (one per distinct template name, so a name printed twice stays twice):
    // a pool title, sometimes with the department's place or a year in front.
    const used = new Set<string>();
    const rename = new Map<string, string>();
    for (const p of tpl.projects) {
      while (!rename.has(p.name)) {
        const base = r.pick(this.pool);
        const u = r.next();
        const name = u < 0.35 ? `${dept.place}${base}` : u < 0.55 ? `${tpl.year}年${base}` : base;
        if (used.has(name)) continue;
        used.add(name);
        rename.set(p.name, name);
      }
    }

    // One pass over department and project names (longest first), so replaced text is never re-matched.
    const keys: Array<{ pattern: string; length: number; to: string }> = [
      {
        pattern: `${escapeRe(tpl.deptCode)}\\s*${loosePattern(tpl.deptName)}`,
        length: tpl.deptCode.length + tpl.deptName.length,
        to: `${dept.code}${tpl.codeSep}${dept.name}`,
      },
      { pattern: loosePattern(tpl.deptName), length: tpl.deptName.length, to: dept.name },
      ...[...rename].map(([from, to]) => ({ pattern: loosePattern(from), length: from.length, to })),
    ].sort((a, b) => b.length - a.length);
    const names = new RegExp(keys.map((k) => `(${k.pattern})`).join("|"), "g");
    text = text.replace(names, (...m: unknown[]) => {
      for (let i = 0; i < keys.length; i++)
        if (m[i + 1] !== undefined) return (keys[i] as (typeof keys)[0]).to;
      return m[0] as string;
    });

    // Amounts: every printed amount times one whole factor per document, so totals still add up
    // (as far as they did in the seed) and a figure repeated in text and tables stays equal.
    const factor = r.int(1, 6);
    text = text.replace(AMOUNT, (_whole, a: string, b: string) =>
      cents((Number(a) * 100 + Number(b)) * factor),
    );

    const codePrefix = String(13000000 + ((dept.index * 7919) % 999999)).padStart(8, "0");
    text = text.replace(CODE_PREFIX, codePrefix);
    const shift = year - tpl.year;
    text = text.replace(YEAR, (y: string) => String(Number(y) + shift));

    const projects = [...keep]
      .sort((a, b) => a - b)
      .map((i) =>
        (rename.get((tpl.projects[i] as { name: string }).name) as string).replace(YEAR, (y: string) =>
          String(Number(y) + shift),
        ),
      );
    return {
      file: `d${String(dept.index).padStart(5, "0")}_${year}_${tpl.id}.txt`,
      department: dept,
      year,
      template: tpl.id,
      text,
      projects,
    };
  }
}
