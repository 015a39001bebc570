/** Subscriptions read the same way in chat and in the CLI; the console says how to subscribe from the server. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import digestCli from "../src/cli/digest.js";
import { renderText } from "../src/render/index.js";
import { listSubscriptions } from "../src/store/sqlite/subscriptions.js";
import { askReply } from "./helpers/ask-core.js";
import { botCliIO } from "./helpers/cli-io.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

const MADE_AT = "2024-03-01T10:00:00+08:00";
const HOOK = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef";
let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot({ clock: () => new Date(MADE_AT) });
});
afterEach(() => bot.close());

describe("schedules and subscriptions as people write them", () => {
  it("reads 每周五 17:30 in the CLI as in chat, given with --schedule or after the departments", async () => {
    const { io, out } = botCliIO(bot, {});
    expect(
      await digestCli.run(
        ["subscribe", "dingtalk", HOOK, "容东", "--schedule", "每周五 17:30", "--at", MADE_AT],
        io,
      ),
    ).toBe(0);
    expect(
      await digestCli.run(
        ["subscribe", "dingtalk", `${HOOK}ff`, "容东", "每天", "08:00", "--at", MADE_AT],
        io,
      ),
    ).toBe(0);
    expect(out.join("\n")).toContain("每周五 17:30（北京时间）");
    expect(listSubscriptions(bot.core.db).map((s) => s.schedule)).toEqual(["30 17 * * 5", "0 8 * * *"]);
  });

  it("says when a department to subscribe is unknown, with the names to write instead", async () => {
    const { io, out } = botCliIO(bot, {});
    expect(await digestCli.run(["subscribe", "dingtalk", HOOK, "容冬", "--at", MADE_AT], io)).toBe(1);
    expect(out).toContain("ERR 没有找到单位“容冬”");
    expect(out).toContain("ERR   · 河北雄安新区容东管理委员会");
  });

  it("tells a console user how to subscribe from the server", async () => {
    const text = renderText(await askReply(bot.core, "/subscribe 容东"));
    expect(text).toContain("npm run --silent bot -- digest subscribe <");
    expect(text).toContain('--schedule "每周五 17:30"');
  });
});

describe("CSV files people open in a spreadsheet", () => {
  it("marks a figure filled from the 情况说明 in the 标注 column, keeping the cell a number", async () => {
    const r = await askReply(bot.core, "/budget 容东 2024 三公 导出");
    const csv = r.attachment?.content ?? "";
    // 因公出国（境）费 is blank in the table and 0.00 万元 in the 情况说明 (第1865行): printed 0.00*.
    expect(csv).toContain("\r\n一、因公出国（境）费,0.00,,合计：*；一般公共预算财政拨款：未列示,\r\n");
    expect(r.attachment?.filename).toBe("河北雄安新区容东管理委员会-2024年预算-三公.csv");
  });

  it("writes a second export beside the first instead of overwriting it, and prints one path", async () => {
    const { saveAttachment } = await import("../src/adapters/save-attachment.js");
    const r = await askReply(bot.core, "/budget 容东 2024 支出 导出");
    const first = renderText(saveAttachment(r, ".", bot.dir));
    const second = renderText(saveAttachment(r, ".", bot.dir));
    expect(first).toContain("河北雄安新区容东管理委员会-2024年预算-支出.csv");
    expect(second).toContain("河北雄安新区容东管理委员会-2024年预算-支出（2）.csv");
    expect(second.match(/\.csv/g)).toHaveLength(1);
  });
});
