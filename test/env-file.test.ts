import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { applyEnvFile, EnvFileError, parseEnvFile } from "../src/env-file.js";

const dirs: string[] = [];
const withEnvFile = (text: string) => {
  const dir = mkdtempSync(join(tmpdir(), "budget-env-"));
  dirs.push(dir);
  writeFileSync(join(dir, ".env"), text);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe(".env read at start, as .env.example says", () => {
  it("reads NAME=value lines, comments, export and quotes as .env.example writes them", () => {
    expect(
      parseEnvFile(
        '# c\n\nLOG_LEVEL=warn\nexport PORT=3100\nDIGEST_DEFAULT_SCHEDULE="0 9 * * 5"\nADMIN_USERS= # none\n',
      ),
    ).toEqual({ LOG_LEVEL: "warn", PORT: "3100", DIGEST_DEFAULT_SCHEDULE: "0 9 * * 5", ADMIN_USERS: "" });
  });

  it("fills what the environment does not set, and the environment wins", () => {
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: "error" };
    const taken = applyEnvFile(env, withEnvFile("LOG_LEVEL=debug\nBUDGET_DB=/tmp/x.db\n"));
    expect(taken).toEqual(["BUDGET_DB"]);
    expect(env).toEqual({ LOG_LEVEL: "error", BUDGET_DB: "/tmp/x.db" });
  });

  it("validates values from .env exactly as values from the environment", () => {
    const env: NodeJS.ProcessEnv = {};
    applyEnvFile(env, withEnvFile("LOG_LEVEL=loud\n"));
    expect(() => loadConfig(env)).toThrow(ConfigError);
    let fromEnv = "";
    let fromFile = "";
    try {
      loadConfig({ LOG_LEVEL: "loud" });
    } catch (e) {
      fromEnv = (e as Error).message;
    }
    try {
      loadConfig(env);
    } catch (e) {
      fromFile = (e as Error).message;
    }
    expect(fromFile).toBe(fromEnv);
  });

  it("names a malformed line", () => {
    expect(() => applyEnvFile({}, withEnvFile("LOG_LEVEL=info\nthis is not a variable\n"))).toThrow(
      new EnvFileError(".env 第2行无法识别（应为 名称=值）：this is not a variable"),
    );
  });

  it("does nothing without a .env", () => {
    const dir = mkdtempSync(join(tmpdir(), "budget-env-"));
    dirs.push(dir);
    const env: NodeJS.ProcessEnv = {};
    expect(applyEnvFile(env, dir)).toEqual([]);
    expect(env).toEqual({});
  });
});
