/**
 * Entry point of `npm run --silent bot -- <subcommand>`; see src/cli/commands.ts for the list.
 */

import { applyEnvFile, EnvFileError } from "../env-file.js";
import { runCli } from "./run.js";
import { processIO } from "./types.js";

try {
  // .env is read as by `npm start`: the same variables, validated where each subcommand loads them.
  applyEnvFile(process.env, process.cwd());
  process.exitCode = await runCli(process.argv.slice(2), processIO());
} catch (err) {
  if (!(err instanceof EnvFileError)) throw err;
  process.stderr.write(`${err.message}（参见 .env.example）\n`);
  process.exitCode = 2;
}
