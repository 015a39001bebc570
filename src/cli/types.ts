/**
 * The contract between the `bot` CLI dispatcher and its subcommands.
 * A subcommand gets its own arguments and an IO object, and returns the process exit code.
 */

/** Where a subcommand writes and what it may read from the environment. */
export interface CliIO {
  /** Write text to standard output as is (no newline added). */
  write(text: string): void;
  /** Write one line to standard output. */
  out(line: string): void;
  /** Write one line to standard error. */
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A subcommand module's default export. */
export interface CliCommand {
  /** Run with the arguments after the subcommand name; resolves to the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A mistake in how the CLI was called; printed with the usage line, exit code 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

/** The IO of a real process. */
export function processIO(): CliIO {
  return {
    write: (text) => process.stdout.write(text),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
}
