/**
 * Entry point of `npm run --silent bot -- <subcommand>`; see src/cli/commands.ts for the list.
 */
import { runCli } from "./run.js";
import { processIO } from "./types.js";

process.exitCode = await runCli(process.argv.slice(2), processIO());
