import { parseArgs } from 'node:util';

/** A problem the person running a script must fix: printed as is, exit 2. */
export class UsageError extends Error {}

type FlagSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/**
 * The flags of a script (`--json`, `--questions FILE`, `--help`), read with node's own parseArgs; an unknown flag
 * or one missing its value is a UsageError that shows the usage line.
 */
export function readFlags(
  argv: readonly string[],
  spec: FlagSpec,
  usage: string,
): Record<string, string | boolean | undefined> | 'help' {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...spec, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return values.help === true ? 'help' : (values as Record<string, string | boolean | undefined>);
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** `readFlags` for a script that also takes arguments (`knowledge:add -- <url|file> --server ID`). */
export function readFlagsAndArguments(
  argv: readonly string[],
  spec: FlagSpec,
  usage: string,
): { readonly flags: Record<string, string | boolean | undefined>; readonly positionals: readonly string[] } | 'help' {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...spec, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help === true) return 'help';
    return { flags: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}
