import { readFile } from 'node:fs/promises';
import { UsageError } from '../../src/bin/cli-shared.js';
import { type EvalQuestion, parseEvalQuestions } from './metrics.js';

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
    throw new UsageError(
      `The eval set ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const questions = parseEvalQuestions(data);
  if (typeof questions === 'string') throw new UsageError(`The eval set ${file} is malformed: ${questions}`);
  if (questions.length === 0) throw new UsageError(`The eval set ${file} holds no questions.`);
  return questions;
}
