import MiniSearch, { type SearchOptions } from 'minisearch';
import { isStopword, tokenize } from '../../src/core/normalize.js';
import type { Article, Passage } from '../../src/core/types.js';
import { EVAL_DEPTH, type EvalQuestion, type Ranker, evaluate } from './metrics.js';

/**
 * The best plain BM25 we could set up, to show what Footnote adds: MiniSearch (BM25+) over the same words Footnote
 * sees (its tokenizer: folded case, diacritics and quotes, Porter stems, its stopwords dropped), the paragraph and,
 * at half weight as Footnote counts them, its section heading and article title.
 */
export interface Bm25Settings {
  readonly k: number;
  readonly b: number;
  readonly d: number;
  /** MiniSearch's fuzzy option: an edit distance as a share of the word's length, or none. */
  readonly fuzzy: number | false;
  readonly prefix: boolean;
}

/** MiniSearch's own defaults, the starting point of the grid. */
export const BM25_DEFAULTS: Bm25Settings = Object.freeze({ k: 1.2, b: 0.7, d: 0.5, fuzzy: false, prefix: false });

/** The grid `tuneBm25` searches: MiniSearch's recommended ranges, and typo and prefix matching on or off. */
const GRID = {
  k: [0.6, 0.9, 1.2, 1.5, 2],
  b: [0.3, 0.5, 0.7, 0.9],
  d: [0, 0.5, 1],
  fuzzy: [false, 0.2] as const,
  prefix: [false, true],
};

interface Doc {
  readonly id: number;
  readonly text: string;
  readonly context: string;
}

const words = (text: string): string[] =>
  tokenize(text)
    .filter((t) => !isStopword(t.surface))
    .map((t) => t.term);

export interface Bm25Index {
  readonly rank: (settings: Bm25Settings) => Ranker;
}

export function createBm25Index(articles: readonly Article[]): Bm25Index {
  const passages: Passage[] = [];
  const docs: Doc[] = [];
  for (const article of articles) {
    for (const passage of article.passages) {
      docs.push({ id: passages.length, text: passage.text, context: `${passage.section ?? ''} ${article.meta.title}` });
      passages.push(passage);
    }
  }
  const mini = new MiniSearch<Doc>({
    fields: ['text', 'context'],
    tokenize: words,
    processTerm: (term) => term,
  });
  mini.addAll(docs);
  return {
    rank: (settings) => {
      const options: SearchOptions = {
        boost: { text: 1, context: 0.5 },
        bm25: { k: settings.k, b: settings.b, d: settings.d },
        fuzzy: settings.fuzzy,
        prefix: settings.prefix,
        combineWith: 'OR',
      };
      return (query) => ({
        passages: mini
          .search(query, options)
          .slice(0, EVAL_DEPTH)
          .map((result) => passages[result.id as number]!),
      });
    },
  };
}

/**
 * The settings of the grid with the best hit@1 (then MRR) on `questions`, each with its index: tuned on the tuning
 * half only, like Footnote, so that the baseline is as good as it fairly gets.
 */
export function tuneBm25(sets: readonly { index: Bm25Index; questions: readonly EvalQuestion[] }[]): Bm25Settings {
  let best = { settings: BM25_DEFAULTS, hitAt1: -1, mrr: -1 };
  for (const k of GRID.k)
    for (const b of GRID.b)
      for (const d of GRID.d)
        for (const fuzzy of GRID.fuzzy)
          for (const prefix of GRID.prefix) {
            const settings = { k, b, d, fuzzy, prefix };
            let hits = 0;
            let mrr = 0;
            let n = 0;
            for (const { index, questions } of sets) {
              const scores = evaluate(questions, { bm25: index.rank(settings) }).engines.bm25!;
              const answerable = questions.filter((q) => q.unanswerable !== true).length;
              hits += scores.hitAt1 * answerable;
              mrr += scores.mrr * answerable;
              n += answerable;
            }
            const hitAt1 = n > 0 ? hits / n : 0;
            const meanMrr = n > 0 ? mrr / n : 0;
            if (hitAt1 > best.hitAt1 || (hitAt1 === best.hitAt1 && meanMrr > best.mrr))
              best = { settings, hitAt1, mrr: meanMrr };
          }
  return best.settings;
}
