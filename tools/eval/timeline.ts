import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { extractEvents } from '../../src/core/facts/index.js';
import { parseArticle } from '../../src/core/knowledge/load.js';

/**
 * Scores `/timeline`'s date extraction against sentences with gold dates (`tests/fixtures/timeline/*.jsonl`, one
 * JSON object a line: `class`, `published`, `text`, `gold` labels such as `2024-03-12`, `2023-05`, `1990s`,
 * `2014/2016`). A predicted date counts only if its label equals a gold label: value and precision both right.
 */

export const TIMELINE_USAGE = 'Usage: npm run eval -- --timeline FILE [--json]';

export interface TimelineCase {
  readonly class: string;
  readonly published: string;
  readonly text: string;
  readonly gold: readonly string[];
}

export interface Scores {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface TimelineReport {
  readonly sentences: number;
  readonly overall: Scores;
  readonly byClass: Readonly<Record<string, Scores>>;
  /** Sentences whose predicted labels differ from their gold labels. */
  readonly errors: readonly { readonly text: string; readonly gold: readonly string[]; readonly found: string[] }[];
}

export async function readTimelineSet(file: string): Promise<TimelineCase[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, i) => {
    const value = JSON.parse(line) as Partial<TimelineCase>;
    if (typeof value.text !== 'string' || typeof value.published !== 'string' || !Array.isArray(value.gold))
      throw new Error(`${path.basename(file)}:${i + 1}: needs "text", "published" and "gold"`);
    return { class: value.class ?? 'unclassed', published: value.published, text: value.text, gold: value.gold };
  });
}

/** The labels `/timeline` reads from one sentence, as an article published on the case's date. */
export function extractLabels(testCase: TimelineCase): string[] {
  const source = `---\ntitle: Eval\npublished: ${testCase.published}\n---\n\n${testCase.text}\n`;
  const { article } = parseArticle('eval.md', source);
  return article ? extractEvents(article).map((e) => e.date.label) : [];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function evaluateTimeline(cases: readonly TimelineCase[]): TimelineReport {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const perClass = new Map<string, Counts>();
  const errors: TimelineReport['errors'][number][] = [];
  for (const testCase of cases) {
    const found = extractLabels(testCase);
    const unmatched = [...testCase.gold];
    let tp = 0;
    for (const label of found) {
      const at = unmatched.indexOf(label);
      if (at >= 0) {
        unmatched.splice(at, 1);
        tp += 1;
      }
    }
    const counts = { tp, fp: found.length - tp, fn: unmatched.length };
    const own = perClass.get(testCase.class) ?? { tp: 0, fp: 0, fn: 0 };
    for (const c of [total, own]) {
      c.tp += counts.tp;
      c.fp += counts.fp;
      c.fn += counts.fn;
    }
    perClass.set(testCase.class, own);
    if (counts.fp > 0 || counts.fn > 0) errors.push({ text: testCase.text, gold: testCase.gold, found });
  }
  const byClass = Object.fromEntries([...perClass].map(([name, counts]) => [name, scoresOf(counts)]));
  return { sentences: cases.length, overall: scoresOf(total), byClass, errors };
}

/** Precision and recall of nothing found (or nothing to find) count as 1: a "must yield nothing" class that yields nothing is perfect. */
function scoresOf({ tp, fp, fn }: Counts): Scores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

export function formatTimelineReport(file: string, report: TimelineReport): string {
  const row = (name: string, s: Scores): string =>
    `  ${name.padEnd(20)}${s.recall.toFixed(3).padStart(8)}${s.precision.toFixed(3).padStart(10)}${s.f1.toFixed(3).padStart(8)}${`${s.truePositives}/${s.falsePositives}/${s.falseNegatives}`.padStart(12)}`;
  const lines = [
    `${path.relative(process.cwd(), file) || file}: ${report.sentences} sentences`,
    `  ${'class'.padEnd(20)}${'recall'.padStart(8)}${'precision'.padStart(10)}${'F1'.padStart(8)}${'tp/fp/fn'.padStart(12)}`,
    row('overall', report.overall),
    ...Object.entries(report.byClass)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, scores]) => row(name, scores)),
  ];
  if (report.errors.length > 0) {
    lines.push(`  differences (${report.errors.length}):`);
    for (const e of report.errors)
      lines.push(`    gold ${JSON.stringify(e.gold)} found ${JSON.stringify(e.found)}  ${JSON.stringify(e.text)}`);
  }
  return lines.join('\n');
}

/** `npm run eval -- --timeline FILE [--json]`: prints the report; 0 on success. */
export async function runTimelineEval(file: string, json: boolean): Promise<number> {
  const report = evaluateTimeline(await readTimelineSet(path.resolve(file)));
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${formatTimelineReport(file, report)}\n`);
  return 0;
}
