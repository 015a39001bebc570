import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { queryTokens, tokenizeCjk } from "../src/search/tokenize.js";
import type { ProjectDoc, ProjectHit, ProjectSearchOptions } from "../src/search/types.js";
import {
  deleteProjectsFts,
  ftsMatch,
  ftsText,
  projectFtsFingerprint,
  rebuildProjectFts,
  searchProjectsFts,
  upsertProjectsFts,
} from "../src/store/sqlite/project-fts.js";

const RONGDONG = "河北雄安新区容东管理委员会";
const DISTRICT = "区级单位";

/** Projects as printed in seed 000 (河北雄安新区容东管理委员会, 2024), indicators abridged to their 三级指标. */
const DOCS: ProjectDoc[] = [
  {
    id: 29,
    department: RONGDONG,
    year: 2024,
    code: "13660024P00448510003Y",
    name: "后勤保障",
    purpose: "用于为各类公服提供物业服务的经费以及各公服水、电、暖、电信服务费",
    goal: "1.维持办公环境整洁\n2.确保办公设备可持续使用，满足各类公服正常办公需要\n3.完成安可软硬件20%替换率，以及原有安可设备系统续费服务",
    indicators:
      "物业服务面积\n物业服务合格率\n保洁维修工作及时性\n物业管理费\n成本节约\n工作环境正常\n对服务的满意程度",
  },
  {
    id: 30,
    department: RONGDONG,
    year: 2024,
    code: "13660023P004485100019",
    name: "后勤保障项目",
    purpose: "用于各类公服提供物业服务的经费以及各公服、水、电、暖、电信服务费等",
    goal: "维持办公环境整洁，确保办公设备可持续使用，满足各类公服正常办公需要",
    indicators: "物业服务面积\n物业服务合格率\n及时性\n物业管理费\n成本节约\n工作环境正常\n服务对象满意度",
  },
  {
    id: 50,
    department: RONGDONG,
    year: 2024,
    code: "13660024P00017310001K",
    name: "容东片区安置房物业服务费项目",
    purpose: "用于容东片区安置房物业服务费",
    goal: "保障容东片区安置房物业服务正常运营",
    indicators: "考核结果\n合同约定时限\n成本控制率(%)\n活动次数\n成本利用率",
  },
  {
    id: 60,
    department: RONGDONG,
    year: 2024,
    code: "13660023P00449010002P",
    name: "思想宣传项目",
    purpose:
      "做好容东片区思想宣传教育工作，发挥党建引领作用，组织片区居民和驻区单位开展多种形式的社会主义精神文明建设活动。",
    goal: "1.组织居民和驻区单位开展多种形式的社会主义精神文明建设创建活动",
    indicators: "活动次数\n组织宣传活动次数\n宣传成果\n参加人员文明素质是否提升\n及时性\n按时完成",
  },
  {
    id: 31,
    department: RONGDONG,
    year: 2024,
    code: "13660024P000051100012",
    name: "胡村社区工作经费和党组织服务群众专项经费",
    purpose: "保障胡村社区党群服务中心正常运行",
    goal: "努力提升胡村社区居民的幸福感，努力打造群众满意的服务窗口，不断深化服务措施，延伸便民服务渠道，发挥社区工作实效，从小事入手，主动上门服务，千方百计为群众解难事、办实事、做好事。",
    indicators: "举办活动场次\n文化宣传活动举办场次",
  },
  {
    // Built from seed 002's 三公 section (heading and first sentence), to have a 2023 document of another department.
    id: 1,
    department: DISTRICT,
    year: 2023,
    code: null,
    name: "安排“三公”经费预算情况",
    purpose:
      "按照中央“八项规定”要求和厉行节约原则，严控“三公”经费等运行成本，2023年安排“三公”经费260万元，与上年持平",
    goal: null,
    indicators: "",
  },
];

const ids = (hits: ProjectHit[]): number[] => hits.map((h) => h.id);

describe("tokenizeCjk", () => {
  it("splits a Han run into overlapping bigrams followed by its single characters", () => {
    expect(tokenizeCjk("容东片区")).toEqual(["容东", "东片", "片区", "容", "东", "片", "区"]);
  });

  it("keeps a year as one token before the Han bigrams of 2024年薪酬", () => {
    expect(tokenizeCjk("2024年薪酬")).toEqual(["2024", "年薪", "薪酬", "年", "薪", "酬"]);
  });

  it("keeps a project code whole and lower-cased", () => {
    expect(tokenizeCjk("项目 13660024P00448510003Y")).toEqual(["项目", "项", "目", "13660024p00448510003y"]);
  });

  it("normalises full-width digits and drops punctuation between runs", () => {
    expect(tokenizeCjk("“三公”经费２０２４")).toEqual(["三公", "三", "公", "经费", "经", "费", "2024"]);
  });

  it("leaves single characters out when asked to", () => {
    expect(tokenizeCjk("后勤保障", { unigrams: false })).toEqual(["后勤", "勤保", "保障"]);
  });
});

describe("queryTokens", () => {
  it("turns a run of four characters into its three bigrams only", () => {
    expect(queryTokens("后勤保障")).toEqual(["后勤", "勤保", "保障"]);
  });

  it("keeps a one-character query as that character", () => {
    expect(queryTokens("容")).toEqual(["容"]);
  });

  it("mixes years, codes and Han runs and removes duplicates", () => {
    expect(queryTokens("容东 2024 容东")).toEqual(["容东", "2024"]);
  });

  it("returns nothing for punctuation only", () => {
    expect(queryTokens("“”，。")).toEqual([]);
  });
});

describe("ftsText and ftsMatch", () => {
  it("writes bigrams in order, run separators and single characters only when asked", () => {
    expect(ftsText("后勤、保障 2024", false)).toBe("后勤 \uE000 保障 \uE000 2024");
    expect(ftsText("容东", true)).toBe("容东 \uE000 容 东");
  });

  it("turns each query run into a phrase and long codes into prefixes", () => {
    expect(ftsMatch("后勤保障 13660024P004")).toBe('"后勤 勤保 保障" AND "13660024p004"*');
    expect(ftsMatch("容")).toBe('"容"');
    expect(ftsMatch("！？")).toBeNull();
  });
});

/** The two engines under the same expectations. */
type Search = (q: string, opts?: ProjectSearchOptions) => ProjectHit[];
const db = new Database(":memory:");
rebuildProjectFts(db, DOCS, "fp-1");
const engines: [string, Search][] = [
  ["searchProjectsFts (SQLite FTS5)", (q, o) => searchProjectsFts(db, q, o)],
];

describe.each(engines)("%s", (_name, search) => {
  it("puts the exact name 后勤保障 first and 后勤保障项目 second, and finds nothing else", () => {
    expect(ids(search("后勤保障"))).toEqual([29, 30]);
  });

  it("finds only 后勤保障项目 for the longer query", () => {
    expect(ids(search("后勤保障项目"))).toEqual([30]);
  });

  it("finds 三公 inside Chinese quotation marks", () => {
    expect(ids(search("三公"))).toEqual([1]);
  });

  it("ranks the project named 物业 above the ones whose purpose mentions it", () => {
    const hits = ids(search("物业"));
    expect(hits[0]).toBe(50);
    expect([...hits].sort((a, b) => a - b)).toEqual([29, 30, 50]);
  });

  it("finds every 容东 project (its department is 容东管理委员会) with the named one first", () => {
    const hits = ids(search("容东"));
    expect(hits[0]).toBe(50);
    expect([...hits].sort((a, b) => a - b)).toEqual([29, 30, 31, 50, 60]);
  });

  it("answers a one-character query from names", () => {
    expect(ids(search("宣"))).toEqual([60]);
    expect(ids(search("胡"))).toEqual([31]);
  });

  it("requires every run of a multi-word query", () => {
    expect(ids(search("容东 物业 安置房"))).toEqual([50]);
    expect(ids(search("胡村 三公"))).toEqual([]);
  });

  it("returns nothing for a word that is not there", () => {
    expect(search("不存在的词")).toEqual([]);
    expect(search("")).toEqual([]);
  });

  it("finds a project by its full code, in any case, and by a code prefix", () => {
    expect(ids(search("13660024P00448510003Y"))).toEqual([29]);
    expect(ids(search("13660024p00448510003y"))).toEqual([29]);
    expect(ids(search("13660024P004"))).toEqual([29]);
  });

  it("filters by year and by department", () => {
    expect(search("后勤保障", { year: 2023 })).toEqual([]);
    expect(ids(search("经费", { year: 2023 }))).toEqual([1]);
    expect(ids(search("经费", { department: DISTRICT }))).toEqual([1]);
    expect([...ids(search("物业", { department: RONGDONG, year: 2024 }))].sort((a, b) => a - b)).toEqual([
      29, 30, 50,
    ]);
    expect(search("物业", { department: "不存在的单位" })).toEqual([]);
  });

  it("honours the limit", () => {
    expect(ids(search("容东", { limit: 2 }))).toHaveLength(2);
    expect(search("容东", { limit: 0 })).toEqual([]);
  });
});

describe("FTS table maintenance", () => {
  it("records the fingerprint of the last rebuild and none before", () => {
    const fresh = new Database(":memory:");
    expect(projectFtsFingerprint(fresh)).toBeNull();
    rebuildProjectFts(fresh, DOCS, "sha-list-1");
    expect(projectFtsFingerprint(fresh)).toBe("sha-list-1");
    rebuildProjectFts(fresh, DOCS.slice(0, 2), "sha-list-2");
    expect(projectFtsFingerprint(fresh)).toBe("sha-list-2");
    expect(searchProjectsFts(fresh, "容东片区")).toEqual([]);
  });

  it("replaces a project on upsert and forgets it on delete", () => {
    const own = new Database(":memory:");
    rebuildProjectFts(own, DOCS, "fp");
    const renamed = { ...(DOCS[3] as ProjectDoc), name: "精神文明创建项目" };
    upsertProjectsFts(own, [renamed]);
    expect(ids(searchProjectsFts(own, "思想宣传项目"))).toEqual([]);
    expect(ids(searchProjectsFts(own, "精神文明创建项目"))).toEqual([60]);
    deleteProjectsFts(own, [60]);
    expect(searchProjectsFts(own, "精神文明")).toEqual([]);
  });
});
