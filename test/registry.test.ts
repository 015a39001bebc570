import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import manifestCli from "../src/cli/manifest.js";
import { commandTableMarkdown, helpReply } from "../src/commands/help.js";
import { ConfigSchema, renderEnvExample } from "../src/config.js";
import { slackManifest } from "../src/platforms/slack/manifest.js";
import { telegramCommands } from "../src/platforms/telegram/manifest.js";

const root = join(import.meta.dirname, "..");

describe("the command registry is the one source", () => {
  it("has valid, unique command names (Telegram's rule)", () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9_]{1,32}$/);
  });

  it("matches the README command table (regenerate with: npm run --silent bot -- manifest readme)", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = /<!-- commands:start -->\n([\s\S]*?)\n<!-- commands:end -->/.exec(readme)?.[1];
    expect(block).toBe(commandTableMarkdown(commands));
  });

  it("feeds /help, the Slack manifest and Telegram's command list", () => {
    const help = JSON.stringify(helpReply(commands));
    const manifest = slackManifest(commands, "https://x/slack/events") as {
      features: { slash_commands: Array<{ command: string }> };
    };
    const tg = telegramCommands(commands).map((c) => c.command);
    for (const c of commands) {
      expect(help).toContain(c.usage);
      expect(manifest.features.slash_commands.map((s) => s.command)).toContain(`/${c.name}`);
      expect(tg).toContain(c.name);
    }
  });
});

describe(".env.example mirrors the config schema", () => {
  it("documents every variable the bot reads, and no other", () => {
    const example = readFileSync(join(root, ".env.example"), "utf8");
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(ConfigSchema.shape).sort());
  });
});

describe(".env.example is generated from the schemas", () => {
  it("equals what `bot manifest env` prints (regenerate with: npm run --silent bot -- manifest env > .env.example)", () => {
    const example = readFileSync(join(root, ".env.example"), "utf8");
    expect(example).toBe(renderEnvExample());
    // Every variable carries a comment line above it.
    const lines = example.split("\n");
    lines.forEach((l, i) => {
      if (/^[A-Z][A-Z0-9_]+=/.test(l)) expect(lines[i - 1]).toMatch(/^# /);
    });
  });
});

describe("bot manifest <platform>", () => {
  it("prints each platform's console steps from the registry; Feishu's name its scopes, event and callback", async () => {
    const run = async (args: string[]) => {
      const out: string[] = [];
      const code = await manifestCli.run(args, {
        write: (t) => out.push(t),
        out: (l) => out.push(l),
        err: () => {},
        env: {},
        cwd: root,
      });
      return { code, text: out.join("\n") };
    };
    const feishu = await run(["feishu", "--mode", "http", "--url", "https://bot.example/feishu/events"]);
    expect(feishu.code).toBe(0);
    for (const s of ["im:message.group_at_msg:readonly", "im.message.receive_v1", "card.action.trigger"])
      expect(feishu.text).toContain(s);
    expect(feishu.text).toContain("https://bot.example/feishu/events");
    expect((await run(["feishu"])).text).toContain("使用长连接接收事件");
    expect((await run(["slack"])).text).toContain('"slash_commands"');
    expect((await run(["telegram"])).text).toContain("budget - ");
  });
});
