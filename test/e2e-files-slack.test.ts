/**
 * Files from chat on Slack (issue 23), end to end: the real Bolt HTTP receiver with signed event
 * callbacks, a fake Web API on 127.0.0.1 that also serves url_private (only with the bot token). A
 * permitted user's real corpus PDF and workbook in a direct message are downloaded, stored and
 * answered with their figures; a user not permitted is refused with nothing downloaded or stored; a
 * file declared above the limit is refused before download; a corrupt file gets its reason; a zip
 * bomb is refused; a file in a channel without a mention is ignored, with a mention it is read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileIntake } from "../src/adapters/files.js";
import { waitUntil } from "./fakes/http.js";
import type { SlackApiCall } from "./fakes/slack-api.js";
import { type SlackHarness, startSlackHarness } from "./fakes/slack-harness.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";
import { makeZip } from "./helpers/zip.js";

const PDF = "上海市普陀区万里街道办事处2024年部门预算.pdf";
const pdf = new Uint8Array(readFileSync(join(CORPUS_DIR, PDF)));
const XLSX = new Uint8Array(readFileSync(new URL("./fixtures/formats/jszx2019.xlsx", import.meta.url)));
const TOKEN = "xoxb-files";

let bot: TestBot;
let h: SlackHarness;
beforeAll(async () => {
  bot = await startTestBot();
  const intake: FileIntake = {
    store: bot.core.store,
    mayIngest: (p, u) => p === "slack" && u === "U1",
    whoMay: () => ["U1"],
    refresh: () => bot.core.refresh(),
  };
  h = await startSlackHarness(bot.core.dispatcher, TOKEN, intake);
});
afterAll(async () => {
  await h.stop();
  bot.close();
});

let seq = 0;
/** A Slack file object served by the fake (`size` as Slack declares it). */
function file(id: string, name: string, bytes: Uint8Array, size = bytes.length) {
  return { id, name, size, url_private_download: h.fake.addFile(id, bytes, `Bearer ${TOKEN}`) };
}
/** A message event with files (a direct message unless `channel` says otherwise). */
function send(
  files: unknown[],
  opts: { user?: string; channel?: string; type?: string; text?: string } = {},
) {
  seq += 1;
  const ts = `1700000000.${String(seq).padStart(6, "0")}`;
  const dm = !opts.channel;
  return h.event(`Ev${seq}`, {
    type: opts.type ?? "message",
    subtype: "file_share",
    user: opts.user ?? "U1",
    text: opts.text ?? "",
    ts,
    channel: opts.channel ?? "D1",
    channel_type: dm ? "im" : "channel",
    event_ts: ts,
    files,
  });
}
const posted = () => h.fake.callsOf("chat.postMessage").map((c) => JSON.stringify(c.body));
const sent = (pred: (text: string) => boolean) =>
  waitUntil(
    () => h.fake.callsOf("chat.postMessage").find((c: SlackApiCall) => pred(JSON.stringify(c.body))),
    "Slack chat.postMessage",
    150_000,
  );
const documents = async () => (await bot.core.store.disclosures.documents()).length;

describe("Slack: files from chat", () => {
  it("a permitted user's PDF and workbook are downloaded with the bot token, stored and answered with their figures", async () => {
    expect((await send([file("F1", PDF, pdf), file("F2", "jszx2019.xlsx", XLSX)])).status).toBe(200);
    await sent((t) => t.includes("正在读取 2 个文件…"));
    const lines = await sent((t) => t.includes(`已导入 ${PDF}`));
    expect(JSON.stringify(lines.body)).toContain("上海市普陀区人民政府万里街道办事处 2024，表9 说明57");
    expect(JSON.stringify(lines.body)).toContain("已导入 jszx2019.xlsx：江苏省政协办公厅 2019，表12 采购12");
    const overview = await sent((t) => t.includes("万里街道办事处 2024年 预算总览"));
    expect(JSON.stringify(overview.body)).toContain("47.91");
    await sent((t) => t.includes("江苏省政协办公厅 2019年 预算总览"));
    expect(h.fake.downloads).toEqual(["F1", "F2"]);
  }, 300_000);

  it("refuses a user not permitted, naming who may; nothing is downloaded or stored", async () => {
    const before = await documents();
    await send([file("F3", "x.pdf", pdf)], { user: "U2" });
    const refusal = await sent((t) => t.includes("您没有通过聊天导入文件的权限"));
    expect(JSON.stringify(refusal.body)).toContain("U1");
    expect(h.fake.downloads).not.toContain("F3");
    expect(await documents()).toBe(before);
  });

  it("refuses a file declared above the limit before downloading it; a corrupt file gets its reason; a zip bomb is refused", async () => {
    const before = await documents();
    await send([file("F4", "大文件.pdf", pdf, 60 * 1024 * 1024)]);
    await sent((t) => t.includes("未导入 大文件.pdf") && t.includes("超过此类文件的导入上限 50 MB"));
    expect(h.fake.downloads).not.toContain("F4");
    await send([file("F5", "坏文件.pdf", pdf.slice(0, 3000))]);
    await sent((t) => /未导入 坏文件\.pdf：\S+/.test(t));
    const bomb = makeZip([{ name: "a.txt", data: new Uint8Array(40 * 1024 * 1024) }]);
    await send([file("F6", "材料.zip", bomb)]);
    await sent((t) => t.includes("未导入 材料.zip") && t.includes("疑似压缩炸弹"));
    expect(await documents()).toBe(before);
  }, 300_000);

  it("ignores a file in a channel without a mention; reads one that mentions the bot", async () => {
    const before = posted().length;
    const xlsxCopy = file("F7", "政协副本.xlsx", XLSX);
    await send([xlsxCopy], { channel: "C1" });
    await send([file("F8", "政协.xlsx", XLSX)], { channel: "C1", type: "app_mention", text: "<@U0> 导入" });
    await sent((t) => t.includes("未重复导入 政协.xlsx"));
    expect(h.fake.downloads).not.toContain("F7");
    expect(
      posted()
        .slice(before)
        .some((t) => t.includes("政协副本")),
    ).toBe(false);
  }, 300_000);
});
