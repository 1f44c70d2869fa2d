import Fuse from 'fuse.js';
import { normalizeText } from '../../src/core/normalize.js';
import type { SearchIndex } from '../../src/core/search/search-index.js';
import type { Passage } from '../../src/core/types.js';

/** One question of an eval set, in the format of shared/eval/README.md. */
export interface EvalQuestion {
  readonly q: string;
  readonly expect: readonly string[];
  readonly note?: string;
}

export interface EvalScores {
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly mrr: number;
}

export interface EvalReport {
  readonly questions: number;
  readonly engines: Readonly<Record<string, EvalScores>>;
  /** Per question, the 1-based rank of the first hit for each engine (0: not in the top 10). */
  readonly ranks: readonly {
    readonly q: string;
    readonly note?: string;
    readonly ranks: Readonly<Record<string, number>>;
  }[];
}

export const EVAL_DEPTH = 10;

/** Curly quotes and apostrophes fold to straight ones before comparing, as the eval README says. */
function foldForMatch(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

/** Validates a parsed JSON eval set, naming the first bad entry. */
export function parseEvalQuestions(data: unknown): EvalQuestion[] | string {
  if (!Array.isArray(data)) return 'an eval file must hold a JSON array of { "q": ..., "expect": [...] }';
  for (const [index, entry] of data.entries()) {
    const e = entry as Partial<EvalQuestion>;
    if (typeof e?.q !== 'string' || e.q.trim() === '') return `entry ${index + 1}: "q" must be a non-empty string`;
    if (
      !Array.isArray(e.expect) ||
      e.expect.length === 0 ||
      !e.expect.every((x) => typeof x === 'string' && x.trim() !== '')
    ) {
      return `entry ${index + 1} ("${e.q}"): "expect" must be a non-empty list of phrases`;
    }
  }
  return data as EvalQuestion[];
}

export type Ranker = (query: string) => readonly Passage[];

/** Plain fuse.js, default options, over whole passage texts: the baseline every figure is compared with. */
export function createFuseBaseline(passages: readonly Passage[]): Ranker {
  const fuse = new Fuse(passages, { keys: ['text'] });
  return (query) => fuse.search(query, { limit: EVAL_DEPTH }).map((r) => r.item);
}

export function createFootnoteRanker(index: SearchIndex): Ranker {
  return (query) => {
    const outcome = index.search(query, { limit: EVAL_DEPTH });
    return outcome.kind === 'answer' || outcome.kind === 'weak' ? outcome.hits.map((h) => h.passage) : [];
  };
}

function rankOfFirstHit(results: readonly Passage[], expect: readonly string[]): number {
  const phrases = expect.map(foldForMatch);
  const at = results
    .slice(0, EVAL_DEPTH)
    .findIndex((p) => phrases.some((phrase) => foldForMatch(p.text).includes(phrase)));
  return at + 1;
}

/** hit@1, hit@3 and MRR@10 for each engine, over the same questions. */
export function evaluate(questions: readonly EvalQuestion[], engines: Readonly<Record<string, Ranker>>): EvalReport {
  const names = Object.keys(engines);
  const ranks = questions.map((question) => ({
    q: question.q,
    ...(question.note !== undefined ? { note: question.note } : {}),
    ranks: Object.fromEntries(names.map((name) => [name, rankOfFirstHit(engines[name]!(question.q), question.expect)])),
  }));
  const scores = Object.fromEntries(
    names.map((name) => {
      const r = ranks.map((row) => row.ranks[name]!);
      const n = Math.max(questions.length, 1);
      return [
        name,
        {
          hitAt1: r.filter((x) => x === 1).length / n,
          hitAt3: r.filter((x) => x >= 1 && x <= 3).length / n,
          mrr: r.reduce((sum, x) => sum + (x > 0 ? 1 / x : 0), 0) / n,
        },
      ];
    }),
  );
  return { questions: questions.length, engines: scores, ranks };
}
