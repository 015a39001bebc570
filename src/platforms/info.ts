/**
 * What the bot knows about a chat platform without running it: its name and words, its
 * configuration schema and .env.example section, its access list, webhook rules and the console
 * steps `bot manifest <name>` prints. One folder per platform under src/platforms/<name>/; the
 * list is src/platforms/index.ts. Nothing here loads an SDK or anything from src/adapters/: the
 * runtime (start, posting) is src/adapters/<name>/index.ts, which spreads this object.
 */
import type { z } from "zod";

/** One section of .env.example: a title comment and the variables it documents. */
export interface EnvSection {
  /** Comment line above the variables, e.g. "Slack (HTTP mode needs …)". */
  title: string;
}

/** A command as the manifests list it (a CommandDef has these fields). */
export interface CommandInfo {
  name: string;
  summary: string;
  usage: string;
}

/** Who asks, as an access list sees it (an Invocation has these fields). */
export interface AccessSubject {
  chatId: string;
  teamId?: string;
}

/** The flags `bot manifest <name>` takes, parsed by the CLI before `render` runs. */
export interface ManifestSpec {
  /** `--mode A|B` (the first is the default). */
  modes?: readonly [string, string];
  /** `--url …`: its default, and (`example` given) a check that it is a full http(s) URL. */
  url?: { default: string; example?: string };
  /** `--socket` (Slack's Socket Mode manifest). */
  socket?: boolean;
  /** The text to paste into the platform's admin console. */
  render(commands: readonly CommandInfo[], flags: ManifestFlags): string;
}

/** Parsed `bot manifest` flags (only those the platform's spec declares are set). */
export interface ManifestFlags {
  mode?: string;
  url?: string;
  socket?: boolean;
}

/** One chat platform's metadata. `C` is what its config schema parses to. */
export interface PlatformInfo<C = Record<string, unknown>> {
  /** Registry key, stored in subscriptions and ADMIN_USERS entries ("slack"). */
  name: string;
  /** Product name shown to users ("Slack", "飞书"). */
  title: string;
  /** What a chat is called there, for user messages ("Slack 频道"). */
  chatNoun: string;
  /**
   * The platform's environment variables (zod object; each field `.describe()`d: the description
   * becomes its comment in .env.example). config.ts composes every platform's schema.
   */
  config: z.ZodObject;
  /** Title comment of the platform's .env.example section. */
  env: EnvSection;
  /** Are the credentials to start this platform present? */
  configured(config: C): boolean;
  /** Start-up check: Chinese problem lines for an inconsistent configuration ([] when fine). */
  check?(config: C): string[];
  /** Access list: may this invocation (already known to be from this platform) use the bot? */
  allows?(config: C, who: AccessSubject): boolean;
  /** Whether the platform posts weekly summaries into its chats (its runtime has a poster). */
  posts: boolean;
  /** `bot manifest <name> [flags]`: what to paste into the platform's admin console. */
  manifest?: ManifestSpec;
  /** Notes /subscribe adds for a chat of this platform (e.g. "invite the bot first"). */
  subscribeNotes?: readonly string[];
  /**
   * Group robot webhooks (`bot digest subscribe <platform> <webhook-url>`): Chinese problems with a
   * webhook URL and signing secret an admin registers ([] = accepted). Absent: the platform posts
   * to chat ids only. The poster must then accept the stored target (platforms/webhook-target.ts)
   * as a chat id, and never put the URL or secret in an error.
   */
  checkWebhook?(url: URL, secret: string | undefined): string[];
}

/** Declare a platform's metadata with its config type checked. */
export function definePlatformInfo<C>(p: PlatformInfo<C>): PlatformInfo<C> {
  return p;
}

/** Erase a platform's config type to the list's element type. */
export function erased<C>(p: PlatformInfo<C>): PlatformInfo {
  return p as unknown as PlatformInfo;
}

/** An access-list check over one list variable: empty (or absent) = everyone; else `id` must be listed. */
export function listAllows(list: unknown, id: string | undefined): boolean {
  if (!Array.isArray(list) || list.length === 0) return true;
  return id !== undefined && list.includes(id);
}
