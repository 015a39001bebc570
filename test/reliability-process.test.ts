/**
 * Issue 16, faults 1–3, against `npm start` as a real child process (the old behaviour ended it):
 * Slack over HTTP on the shared server, signed requests from 127.0.0.1, answers at the fake's
 * response_url.
 */
import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "./fakes/http.js";
import { type SlackBotProcess, startSlackBotProcess, textDataDir } from "./fakes/slack-bot-process.js";

const dir = textDataDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A signed /budget is answered at its response_url: the process is alive and serving. */
async function answers(bot: SlackBotProcess, id: string): Promise<void> {
  const ack = await bot.slash("/budget", "承德 2023", id);
  expect(ack.status).toBe(200);
  const post = await bot.fake.waitForResponse((r) => r.id === id);
  expect(JSON.stringify(post.body)).toContain("承德");
}

describe("a request the Slack endpoint does not handle never ends the process", () => {
  let bot: SlackBotProcess;
  beforeAll(async () => {
    bot = await startSlackBotProcess({ dir });
  }, 180_000);
  afterAll(() => bot?.close());

  it("answers GET, HEAD and PUT with 405 (Allow: POST), then still answers a signed command", async () => {
    for (const method of ["GET", "HEAD", "PUT"]) {
      const res = await bot.request({ method, ...(method === "PUT" ? { body: "x" } : {}) });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    }
    expect(bot.gone).toBe(false);
    await answers(bot, "after-405");
  });

  it("answers a signed JSON null and a signed payload=null with 400, then still answers", async () => {
    expect((await bot.signed("null", "application/json")).status).toBe(400);
    expect((await bot.signed("payload=null", "application/x-www-form-urlencoded")).status).toBe(400);
    expect((await bot.signed("[1,2]", "application/json")).status).toBe(400);
    expect(bot.gone).toBe(false);
    await answers(bot, "after-400");
    expect(bot.stderr()).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});

describe("SIGTERM under load", () => {
  it("answers every acknowledged command before it exits, and exits 0", { timeout: 180_000 }, async () => {
    const bot = await startSlackBotProcess({ dir });
    try {
      // A slow network: the answers are on their way, not yet through, when SIGTERM comes.
      bot.fake.holdResponses();
      const ids = Array.from({ length: 20 }, (_, i) => `drain-${i}`);
      const acks = await Promise.all(ids.map((id) => bot.slash("/budget", "承德 2023", id)));
      expect(acks.map((a) => a.status)).toEqual(ids.map(() => 200));
      await waitUntil(
        () => (bot.fake.responses.length === ids.length ? true : undefined),
        "every answer on its way",
      );
      bot.child.kill("SIGTERM");
      await bot.waitForLog('"msg":"shutting down"');
      // The network's latency: the answers get through half a second later, unless the bot
      // went away first (which is what happened before the drain).
      await Promise.race([bot.exited, sleep(500)]);
      await sleep(100);
      bot.fake.releaseResponses();
      expect(await bot.exited).toBe(0);
      const delivered = bot.fake.responses.filter((r) => r.delivered).map((r) => r.id);
      expect(delivered.sort()).toEqual([...ids].sort());
      // A request after the stop began is refused, never half-answered: nothing was posted twice.
      expect(new Set(bot.fake.responses.map((r) => r.id)).size).toBe(bot.fake.responses.length);
    } finally {
      await bot.close();
    }
  });
});
