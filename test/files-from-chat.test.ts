/**
 * Files sent in chat (issue 23), platform-neutral: sizes checked before and while downloading, a
 * zip unpacked in memory within its limits (a bomb refused, with honest or lying headers), each
 * file through the one pipeline under a deadline; who may send files; who sent each stored
 * document, /documents and /remove. Real corpus files; the platforms are in e2e-files-*.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReplySender } from "../src/adapters/contract.js";
import { memoryDedupe } from "../src/adapters/dedupe.js";
import { type FileIntake, handleFiles, type IncomingFiles } from "../src/adapters/files.js";
import {
  type ChatFile,
  DownloadTooLargeError,
  ingestChatFiles,
  outcomeLine,
} from "../src/ingest/from-chat.js";
import { unzipEntries, ZipRefusedError } from "../src/ingest/zip.js";
import { renderText } from "../src/render/index.js";
import type { Reply } from "../src/reply/reply.js";
import { recordingLog } from "./fakes/stub-dispatcher.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";
import { makeZip } from "./helpers/zip.js";

const PDF = "上海市普陀区万里街道办事处2024年部门预算.pdf";
const pdfBytes = () => new Uint8Array(readFileSync(join(CORPUS_DIR, PDF)));
const xlsxBytes = () =>
  new Uint8Array(readFileSync(new URL("./fixtures/formats/jszx2019.xlsx", import.meta.url)));

/** A file whose download is counted (and capped as a platform would). */
function chatFile(name: string, bytes: Uint8Array, size: number | null = bytes.length) {
  const f = {
    downloads: 0,
    name,
    size,
    download: async (max: number) => {
      f.downloads++;
      if (bytes.length > max) throw new DownloadTooLargeError(max);
      return bytes;
    },
  };
  return f;
}

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

describe("unzipEntries", () => {
  it("refuses a bomb whether its headers state the real size or lie about it", () => {
    const zeros = new Uint8Array(30 * 1024 * 1024);
    for (const declaredSize of [undefined, 1000]) {
      const zip = makeZip([{ name: "a.txt", data: zeros, ...(declaredSize ? { declaredSize } : {}) }]);
      expect(() => unzipEntries(zip)).toThrow(ZipRefusedError);
      expect(() => unzipEntries(zip)).toThrow(/压缩炸弹/);
    }
  });

  it("refuses more entries than allowed and unpacks names in folders", () => {
    const small = new TextEncoder().encode("x");
    const many = makeZip(Array.from({ length: 3 }, (_, i) => ({ name: `d/${i}.txt`, data: small })));
    expect(() => unzipEntries(many, { maxEntries: 2, maxTotalBytes: 1e6, maxRatio: 100 })).toThrow(
      /超过 2 个/,
    );
    expect(unzipEntries(many).map((e) => e.name)).toEqual(["0.txt", "1.txt", "2.txt"]);
  });
});

describe("ingestChatFiles", () => {
  it("stores a real PDF and a workbook sent in a zip, each through the pipeline, and names their parts", async () => {
    const zip = makeZip([
      { name: "预算/万里街道2024.pdf", data: pdfBytes() },
      { name: "jszx2019.xlsx", data: xlsxBytes() },
    ]);
    const out = await ingestChatFiles([chatFile("两个文件.zip", zip)], { store: bot.core.store });
    expect(out.map(outcomeLine)).toEqual([
      "已导入 万里街道2024.pdf：上海市普陀区人民政府万里街道办事处 2024，表9 说明57",
      "已导入 jszx2019.xlsx：江苏省政协办公厅 2019，表12 采购12",
    ]);
    // The same bytes again under another name: a duplicate, said as such.
    const again = await ingestChatFiles([chatFile("copy.xlsx", xlsxBytes())], { store: bot.core.store });
    expect(outcomeLine(again[0] as never)).toContain(
      "未重复导入 copy.xlsx：内容与已导入的 jszx2019.xlsx 完全相同",
    );
  }, 300_000);

  it("refuses a file declared too large before downloading it, and one that grows past the cap while downloading", async () => {
    const declared = chatFile("big.pdf", new Uint8Array(10), 60 * 1024 * 1024);
    const growing = chatFile("big.txt", new Uint8Array(4 * 1024 * 1024), null);
    const limit = { bytes: 20 * 1024 * 1024, text: "平台只能下载 20 MB 以内的文件" };
    const platformBig = chatFile("p.pdf", new Uint8Array(10), 25 * 1024 * 1024);
    const out = await ingestChatFiles([declared, growing, platformBig], {
      store: bot.core.store,
      platformLimit: limit,
    });
    expect(out.map((o) => o.kind === "refused" && o.reason)).toEqual(["too-large", "too-large", "too-large"]);
    expect(declared.downloads).toBe(0);
    expect(platformBig.downloads).toBe(0);
    expect(growing.downloads).toBe(1);
    expect(outcomeLine(out[2] as never)).toContain("平台只能下载 20 MB 以内的文件");
  });

  it("gives a corrupt file its reason and a zip bomb its refusal; nothing is stored", async () => {
    const before = (await bot.core.store.disclosures.documents()).length;
    const corrupt = pdfBytes().slice(0, 2000);
    const bomb = makeZip([{ name: "x.txt", data: new Uint8Array(30 * 1024 * 1024) }]);
    const out = await ingestChatFiles([chatFile("坏.pdf", corrupt), chatFile("炸弹.zip", bomb)], {
      store: bot.core.store,
    });
    expect(out[0]?.kind).toBe("refused");
    expect(outcomeLine(out[0] as never)).toMatch(/^未导入 坏\.pdf：.+/);
    expect(outcomeLine(out[1] as never)).toContain("疑似压缩炸弹");
    expect((await bot.core.store.disclosures.documents()).length).toBe(before);
  });

  it("stops a file past its deadline and stores nothing of it, even when its reading finishes later", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const slow: ChatFile = {
      name: "社会福利院.pdf",
      size: null,
      download: async () => {
        await held;
        return new Uint8Array(readFileSync(join(CORPUS_DIR, "上海市普陀区社会福利院2024年单位预算.pdf")));
      },
    };
    const out = await ingestChatFiles([slow], { store: bot.core.store, deadlineMs: 20 });
    expect(out[0]?.kind === "refused" && out[0].reason).toBe("timeout");
    release();
    // Let the abandoned reading run to its store step: it is refused there.
    for (let i = 0; i < 200 && !(await bot.core.store.disclosures.documentByFile("社会福利院.pdf")); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await bot.core.store.disclosures.documentByFile("社会福利院.pdf")).toBeNull();
  }, 30_000);
});

describe("files in chat, who sent them, /documents and /remove", () => {
  function intake(allowed: string[], chats: string[] = []): FileIntake {
    return {
      store: bot.core.store,
      mayIngest: (p, u) => allowed.includes(`${p}:${u}`),
      whoMay: (p) => allowed.filter((a) => a.startsWith(`${p}:`)).map((a) => a.slice(p.length + 1)),
      takesFiles: (p, c) => chats.includes(`${p}:${c}`),
      refresh: () => bot.core.refresh(),
      clock: () => new Date("2026-12-08T02:00:00Z"),
    };
  }
  function recorder() {
    const sent: Reply[] = [];
    const sender: ReplySender = { answer: async (r) => void sent.push(r) };
    return { sent, sender, texts: () => sent.map(renderText) };
  }
  const msg = (over: Partial<IncomingFiles>): IncomingFiles => ({
    platform: "telegram",
    userId: "7",
    chatId: "42",
    addressed: true,
    files: [],
    ...over,
  });
  const deps = (i: FileIntake) => ({
    intake: i,
    dispatcher: bot.core.dispatcher,
    dedupe: memoryDedupe(),
    log: recordingLog().log,
  });

  it("refuses a user not permitted, naming who may, and downloads and stores nothing", async () => {
    const f = chatFile("社会福利院2024.pdf", pdfBytes());
    const r = recorder();
    const h = await handleFiles(
      deps(intake(["telegram:1", "slack:U9"])),
      msg({ userId: "8", files: [f] }),
      r.sender,
    );
    await h.done;
    expect(r.texts().join("\n")).toContain("您没有通过聊天导入文件的权限");
    expect(r.texts().join("\n")).toContain("可以导入文件的用户：1");
    expect(r.texts().join("\n")).not.toContain("U9");
    expect(f.downloads).toBe(0);
  });

  it("ignores a group file without a mention unless the chat is configured for files", async () => {
    const f = chatFile("x.txt", new TextEncoder().encode("随便"));
    const r = recorder();
    const ignored = await handleFiles(
      deps(intake(["telegram:7"])),
      msg({ addressed: false, files: [f] }),
      r.sender,
    );
    expect(ignored.outcome).toBe("ignored");
    const taken = await handleFiles(
      deps(intake(["telegram:7"], ["telegram:42"])),
      msg({ addressed: false, files: [f] }),
      r.sender,
    );
    await taken.done;
    expect(taken.outcome).toBe("answered");
    expect(r.texts()[0]).toContain("正在读取 1 个文件…");
  });

  it("remembers the sender; /documents lists the files with sender and time; /remove drops one from the answers", async () => {
    const r = recorder();
    const f = chatFile(
      "上海市普陀区万里街道办事处2023年部门预算.pdf",
      new Uint8Array(readFileSync(join(CORPUS_DIR, "上海市普陀区万里街道办事处2023年部门预算.pdf"))),
    );
    const h = await handleFiles(deps(intake(["telegram:7"])), msg({ files: [f] }), r.sender);
    await h.done;
    const texts = r.texts();
    expect(texts[0]).toContain("正在读取 1 个文件…");
    expect(texts[1]).toMatch(
      /已导入 上海市普陀区万里街道办事处2023年部门预算\.pdf：上海市普陀区人民政府万里街道办事处 2023，表\d+ 说明\d+/,
    );
    // The overview of the department-year follows, with buttons for the usual topics.
    expect(texts[2]).toContain("万里街道办事处 2023年 预算总览");
    expect(r.sent[2]?.actions?.map((a) => a.command)).toContain(
      "/budget 上海市普陀区人民政府万里街道办事处 2023 三公",
    );

    const list = await bot.askText("/documents 万里街道 2023");
    expect(list).toContain("telegram 用户 7（会话 42）");
    expect(list).toContain("2026-12-08 10:00");
    const id = (
      await bot.core.store.disclosures.documentByFile("上海市普陀区万里街道办事处2023年部门预算.pdf")
    )?.id;
    expect(id).toBeDefined();
    expect(await bot.askText(`/remove ${id}`)).toContain(`已删除文件（编号 ${id}）`);
    expect(await bot.askText("/budget 万里街道 2023")).not.toContain("预算总览");
    expect(await bot.core.store.disclosures.sources([id as number])).toEqual(new Map());
    expect(await bot.askText("/remove 99999")).toContain("没有编号为 99999 的文件");
  }, 300_000);
});
