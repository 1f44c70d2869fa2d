import { parseArgs } from 'node:util';
import { ExplainedError } from '../app/errors.js';
import { type Config, ConfigError } from '../config.js';
import { isGuildId } from '../core/knowledge/shelves.js';
import { inLanguage, languageOf } from '../i18n/index.js';

/** A flag or argument the person running a script must fix: printed as is, exit 2. */
export class UsageError extends ExplainedError {}

type FlagSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | boolean | undefined>>;
  /** The words that are not flags, in order (only when the script takes them). */
  readonly positionals: readonly string[];
}

/**
 * The flags of a script (`--json`, `--questions FILE`, `--help`), read with node's own parseArgs, the same way in
 * every script; an unknown flag, one missing its value, or a word where the script takes none is a UsageError
 * that shows the usage line.
 */
export function readArgs(
  argv: readonly string[],
  spec: FlagSpec,
  usage: string,
  options: { readonly positionals?: boolean } = {},
): ParsedArgs | 'help' {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...spec, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: options.positionals ?? false,
    });
    if (values.help === true) return 'help';
    return { flags: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** `readArgs` for a script that also takes arguments (`knowledge:add -- <url|file> --server ID`). */
export function readFlagsAndArguments(argv: readonly string[], spec: FlagSpec, usage: string): ParsedArgs | 'help' {
  return readArgs(argv, spec, usage, { positionals: true });
}

/** `readArgs` for scripts that take flags only. */
export function readFlags(
  argv: readonly string[],
  spec: FlagSpec,
  usage: string,
): Record<string, string | boolean | undefined> | 'help' {
  const args = readArgs(argv, spec, usage);
  return args === 'help' ? 'help' : { ...args.flags };
}

/** `--server ID`: a Discord server id, whose shelf the command sees beside the shared library. */
export function serverFlag(value: string | boolean | undefined, usage: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isGuildId(value))
    throw new UsageError(`--server takes a Discord server id (17 to 20 digits), not "${String(value)}"\n${usage}`);
  return value;
}

/**
 * Runs a console entry point's `work` (`npm start` without a token, `npm run ask`) in its language: `--locale`, else
 * LANG as src/config.ts read it. On the console face: the sentences name commands as they are typed there, in English.
 */
export function inConsoleLanguage<T>(
  locale: string | boolean | undefined,
  config: Pick<Config, 'consoleLanguage'>,
  work: () => T,
): T {
  return inLanguage(typeof locale === 'string' ? languageOf(locale) : config.consoleLanguage, work, 'console');
}

export interface RunOptions {
  /** What the script is, for an unexpected failure: `ask failed: …`. */
  readonly failure: string;
  /**
   * End the process when `main` settles (`always`) or when it fails (`on-failure`), rather than when nothing is
   * left to do: for the long-running entry points, whose clients and sockets would otherwise keep it alive.
   */
  readonly exit?: 'always' | 'on-failure';
}

/**
 * The one way every script in `src/bin` and `tools/` runs its `main`: the number `main` resolves with is the exit
 * code. It is also the scripts' error boundary: a UsageError prints its message and exits 2; a ConfigError or any
 * other ExplainedError prints its message and exits 1; anything else prints `<failure>: <stack>` and exits 1.
 */
export function runMain(main: () => Promise<number>, options: RunOptions): void {
  const finish = (code: number): void => {
    process.exitCode = code;
    if (options.exit === 'always' || (options.exit === 'on-failure' && code !== 0)) process.exit(code);
  };
  main().then(finish, (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      finish(2);
      return;
    }
    if (error instanceof ExplainedError || error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else
      process.stderr.write(
        `${options.failure}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    finish(1);
  });
}
