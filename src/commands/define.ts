/**
 * Commands are data: a name, help text, a zod schema for arguments and a handler that returns a Reply.
 * One registry of these feeds /help, Telegram's command list, the Slack manifest and the README table.
 */
import type { z } from "zod";
import type { Reply } from "../reply/reply.js";
import type { Services } from "./services.js";
import type { Invocation } from "./types.js";

/** What a command handler receives. */
export interface CommandContext<A> {
  args: A;
  services: Services;
  invocation: Invocation;
}

/** A chat command declaration. */
export interface CommandDef<A = unknown> {
  /** [a-z0-9_]{1,32}: Telegram's rule, also the Slack command name. */
  name: string;
  /** One line, Chinese; shown in /help and in Telegram's command menu. */
  summary: string;
  usage: string;
  examples: string[];
  /** Other names that reach this command (e.g. Chinese aliases typed in the console). */
  aliases?: string[];
  /** Only ADMIN_USERS may run it (commands that change state). */
  adminOnly?: boolean;
  args: z.ZodType<A>;
  /** Turn the argument text into raw args (validated by `args` afterwards). */
  parse: (text: string, services: Services) => unknown;
  run: (ctx: CommandContext<A>) => Reply | Promise<Reply>;
}

/** Declare a command (identity function that keeps the argument type). */
export function defineCommand<A>(def: CommandDef<A>): CommandDef<A> {
  if (!/^[a-z0-9_]{1,32}$/.test(def.name)) throw new Error(`invalid command name: ${def.name}`);
  return def;
}
