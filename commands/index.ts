/** The command registry: every chat command, in help order. */
import type { CommandDef } from "../src/commands/define.js";
import budget from "./budget.js";
import check from "./check.js";
import documents from "./documents.js";
import { helpCommand, startCommand } from "./help.js";
import project from "./project.js";
import remove from "./remove.js";
import subscribe from "./subscribe.js";
import subscriptions from "./subscriptions.js";
import unsubscribe from "./unsubscribe.js";

/** All commands. Add a command by importing it here. */
export const commands: readonly CommandDef[] = [
  budget as CommandDef,
  project as CommandDef,
  check as CommandDef,
  documents as CommandDef,
  remove as CommandDef,
  subscribe as CommandDef,
  subscriptions as CommandDef,
  unsubscribe as CommandDef,
  helpCommand(() => commands) as CommandDef,
  startCommand(() => commands) as CommandDef,
];
