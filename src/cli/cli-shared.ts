import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type EvalQuestion, parseEvalQuestions } from '../core/eval/metrics.js';

/** A problem the person running a script must fix: printed as is, exit 2. */
export class UsageError extends Error {}

type FlagSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean' }>>;

/**
 * The flags of a script (`--json`, `--questions FILE`, `--help`), read with node's own parseArgs; an unknown flag
 * or one missing its value is a UsageError that shows the usage line.
 */
export function readFlags(argv: readonly string[], spec: FlagSpec, usage: string): Record<string, string | boolean | undefined> | 'help' {
  try {
    const { values } = parseArgs({ args: [...argv], options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
    return values.help === true ? 'help' : (values as Record<string, string | boolean | undefined>);
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/** Reads and validates one eval set (shared/eval/README.md format); every failure names the file. */
export async function readEvalSet(file: string): Promise<EvalQuestion[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the eval set ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The eval set ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const questions = parseEvalQuestions(data);
  if (typeof questions === 'string') throw new UsageError(`The eval set ${file} is malformed: ${questions}`);
  if (questions.length === 0) throw new UsageError(`The eval set ${file} holds no questions.`);
  return questions;
}
