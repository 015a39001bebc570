/**
 * Files from chat on Telegram (issue 23), end to end: the real grammY bot long-polling a fake Bot
 * API on 127.0.0.1 that serves getFile and the file API. A permitted user's real corpus PDF and
 * workbook are downloaded, stored and answered with their figures; a user not permitted is refused
 * with nothing downloaded or stored; a file above Telegram's 20 MB is refused before download; a
 * corrupt file gets its reason; a zip bomb is refused; and /budget is answered while a 35-page PDF
 * is still being read (its download held by the fake).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileIntake } from "../src/adapters/files.js";
import { waitUntil } from "./fakes/http.js";
import type { TelegramApiCall } from "./fakes/telegram-api.js";
import {
  commandUpdate,
  documentUpdate,
  startTelegramHarness,
  type TelegramHarness,
} from "./fakes/telegram-harness.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";
import { makeZip } from "./helpers/zip.js";

const corpus = (name: string) => new Uint8Array(readFileSync(join(CORPUS_DIR, name)));
const PDF = "上海市普陀区万里街道办事处2024年部门预算.pdf";
const BIG_PDF = "上海市普陀区万里街道办事处2023年部门预算.pdf"; // 35 pages
const XLSX = new Uint8Array(readFileSync(new URL("./fixtures/formats/jszx2019.xlsx", import.meta.url)));

let bot: TestBot;
let h: TelegramHarness;
beforeAll(async () => {
  bot = await startTestBot();
  const intake: FileIntake = {
    store: bot.core.store,
    mayIngest: (p, u) => p === "telegram" && u === "7",
    whoMay: () => ["7"],
    refresh: () => bot.core.refresh(),
  };
  h = await startTelegramHarness(bot.core.dispatcher, intake);
});
afterAll(async () => {
  await h.stop();
  bot.close();
});

const texts = () => h.fake.callsOf("sendMessage").map((c) => String(c.payload.text));
/** The first message sent that satisfies `pred` (bounded generously: reading a PDF on a busy machine is slow). */
const sent = (pred: (text: string) => boolean) =>
  waitUntil(
    () => h.fake.callsOf("sendMessage").find((c: TelegramApiCall) => pred(String(c.payload.text))),
    "Telegram sendMessage",
    150_000,
  );
const documents = async () => (await bot.core.store.disclosures.documents()).length;

describe("Telegram: files from chat", () => {
  it("a permitted user's PDF and workbook are downloaded, stored and answered with their figures", async () => {
    h.fake.addFile("pdf1", corpus(PDF));
    h.fake.pushUpdate(documentUpdate("pdf1", PDF, corpus(PDF).length));
    await sent((t) => t.includes("正在读取 1 个文件…"));
    await sent((t) => t.includes(`已导入 ${PDF}：上海市普陀区人民政府万里街道办事处 2024，表9 说明57`));
    const overview = await sent((t) => t.includes("万里街道办事处 2024年 预算总览"));
    expect(String(overview.payload.text)).toContain("47.91");
    const buttons = (
      overview.payload.reply_markup as { inline_keyboard: Array<Array<{ text: string }>> }
    ).inline_keyboard
      .flat()
      .map((b) => b.text);
    expect(buttons).toEqual(expect.arrayContaining(["三公经费", "收入", "支出", "项目"]));

    h.fake.addFile("xlsx1", XLSX);
    h.fake.pushUpdate(documentUpdate("xlsx1", "jszx2019.xlsx", XLSX.length));
    await sent((t) => t.includes("已导入 jszx2019.xlsx：江苏省政协办公厅 2019，表12 采购12"));
    await sent((t) => t.includes("江苏省政协办公厅 2019年 预算总览"));
    expect(h.fake.downloads).toEqual(["pdf1", "xlsx1"]);
    h.fake.pushUpdate(commandUpdate("/budget 政协 2019 三公"));
    const sangong = await sent((t) => t.includes("公务接待费") && t.includes("397.50"));
    expect(String(sangong.payload.text)).toContain("jszx2019.xlsx");
  }, 300_000);

  it("refuses a user not permitted, naming who may; nothing is downloaded or stored", async () => {
    const before = await documents();
    const getFiles = h.fake.callsOf("getFile").length;
    h.fake.addFile("pdf2", corpus("上海市普陀区社会福利院2024年单位预算.pdf"));
    h.fake.pushUpdate(
      documentUpdate("pdf2", "福利院.pdf", 151588, { from: { id: 8, is_bot: false, first_name: "访客" } }),
    );
    const refusal = await sent((t) => t.includes("您没有通过聊天导入文件的权限"));
    expect(String(refusal.payload.text)).toContain("可以导入文件的用户：7");
    expect(h.fake.callsOf("getFile").length).toBe(getFiles);
    expect(await documents()).toBe(before);
  });

  it("refuses a file above Telegram's 20 MB before downloading it, stating the limit", async () => {
    const getFiles = h.fake.callsOf("getFile").length;
    h.fake.pushUpdate(documentUpdate("huge", "大文件.pdf", 25 * 1024 * 1024));
    const refusal = await sent((t) => t.includes("未导入 大文件.pdf"));
    expect(String(refusal.payload.text)).toContain("Telegram 机器人只能下载 20 MB 以内的文件");
    expect(h.fake.callsOf("getFile").length).toBe(getFiles);
  });

  it("gives a corrupt file its reason and refuses a zip bomb; nothing is stored", async () => {
    const before = await documents();
    const corrupt = corpus(PDF).slice(0, 3000);
    h.fake.addFile("bad", corrupt);
    h.fake.pushUpdate(documentUpdate("bad", "坏文件.pdf", corrupt.length));
    await sent((t) => /未导入 坏文件\.pdf：\S+/.test(t));
    const bomb = makeZip([{ name: "a.txt", data: new Uint8Array(40 * 1024 * 1024), declaredSize: 1000 }]);
    h.fake.addFile("bomb", bomb);
    h.fake.pushUpdate(documentUpdate("bomb", "材料.zip", bomb.length));
    await sent((t) => t.includes("未导入 材料.zip") && t.includes("疑似压缩炸弹"));
    expect(await documents()).toBe(before);
  });

  it("answers /budget in the same chat while a 35-page PDF is being read", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    h.fake.addFile("big", corpus(BIG_PDF), held);
    h.fake.pushUpdate(documentUpdate("big", BIG_PDF, corpus(BIG_PDF).length));
    await h.fake.waitForCall("getFile", (c) => c.payload.file_id === "big");
    h.fake.pushUpdate(commandUpdate("/budget 容东 2024 三公"));
    await sent((t) => t.includes("公务接待费") && t.includes("容东"));
    // The answer came while the file was still held: its outcome has not been sent.
    expect(texts().some((t) => t.includes(`已导入 ${BIG_PDF}`))).toBe(false);
    release();
    await sent((t) => t.includes(`已导入 ${BIG_PDF}：上海市普陀区人民政府万里街道办事处 2023`));
    const all = texts();
    const answered = all.findIndex((t) => t.includes("公务接待费") && t.includes("容东"));
    const stored = all.findIndex((t) => t.includes(`已导入 ${BIG_PDF}`));
    expect(answered).toBeLessThan(stored);
  }, 300_000);
});
