import Fuse from 'fuse.js';
import { normalizeText } from '../../src/core/normalize.js';
import type { PassageSearch } from '../../src/core/search/combine-results.js';
import type { Passage } from '../../src/core/types.js';

/** Halves of a set: tune only on `tune`, report `held` as the figure a new question would get. */
export const SPLITS = ['tune', 'held'] as const;
export type Split = (typeof SPLITS)[number];

/**
 * One question of an eval set, in the format of shared/eval/README.md (`q`, `expect`, `note`), extended without
 * breaking it: `id` names the right passage (`<slug>#<n>`, then a hit is that passage, not any passage holding a
 * phrase), `answer` is the words that answer it (and a phrase of `expect` when `expect` is not given), `split`
 * puts it in one half of the set, and `unanswerable: true` marks a question the articles do not answer.
 */
export interface EvalQuestion {
  readonly q: string;
  /** Phrases of the passage(s) that answer it; empty only for an unanswerable question. */
  readonly expect: readonly string[];
  readonly note?: string;
  readonly id?: string;
  readonly answer?: string;
  readonly split?: Split;
  readonly unanswerable?: true;
}

export interface EvalScores {
  readonly hitAt1: number;
  readonly hitAt3: number;
  readonly mrr: number;
}

/** hit@1 over a subset of the questions, and how many it holds. */
export interface SubsetScore {
  readonly questions: number;
  readonly hitAt1: number;
}

export interface EngineScores extends EvalScores {
  /** Questions whose note says they carry a typo, and the others. */
  readonly misspelt: SubsetScore;
  readonly clean: SubsetScore;
}

/** What Footnote tells a person, which plain rankers cannot: its label, the excerpt shown, "not covered". */
export type Label = 'strong' | 'partial' | 'weak';
export const LABELS: readonly Label[] = ['strong', 'partial', 'weak'];

export interface Answer {
  readonly label: Label;
  /** The answer says the library does not cover the question (Footnote's `weak` outcome, or no match). */
  readonly notCovered: boolean;
  /** The sentences shown for the first passage. */
  readonly excerpt: string;
}

export interface Ranking {
  /** The first results, best first. */
  readonly passages: readonly Passage[];
  /** Present for an engine that labels and excerpts its answer; absent, or `notCovered`, when it has nothing. */
  readonly answer?: Answer;
}

export type Ranker = (query: string) => Ranking;

/** A share and the counts behind it (`share` is 0 when `of` is). */
export interface Rate {
  readonly count: number;
  readonly of: number;
  readonly share: number;
}

/** For an engine that answers (Footnote): is what it says true? */
export interface AnswerReport {
  /** Among answerable questions whose right passage is first and that give `answer`: the excerpt shows it. */
  readonly excerptShowsAnswer: Rate;
  /** Per label of the first result, over every question (the unanswerable ones can never be right): right at 1. */
  readonly calibration: Readonly<Record<Label, Rate>>;
  /** "Not covered" said of questions whose right passage is first (should be rare)... */
  readonly notCoveredWhenRight: Rate;
  /** ...and of the questions the articles do not answer (should be most). */
  readonly notCoveredWhenUnanswerable: Rate;
}

export interface EvalReport {
  /** Answerable questions, the ones ranks are counted over. */
  readonly questions: number;
  readonly unanswerable: number;
  readonly engines: Readonly<Record<string, EngineScores>>;
  /** Per engine that answers. */
  readonly answers: Readonly<Record<string, AnswerReport>>;
  /** Per answerable question, the 1-based rank of the first hit for each engine (0: not in the top 10). */
  readonly ranks: readonly {
    readonly q: string;
    readonly note?: string;
    readonly ranks: Readonly<Record<string, number>>;
  }[];
}

export const EVAL_DEPTH = 10;

/** Curly quotes and apostrophes fold to straight ones before comparing, as the eval README says. */
export function foldForMatch(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

/** A question written with a typo on purpose says so in its note ("typo", "misspelling", "misspelt"). */
export function isMisspelt(question: EvalQuestion): boolean {
  return /typo|misspel/i.test(question.note ?? '');
}

const isPhraseList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string' && x.trim() !== '');

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Checks one entry; returns the question or what is wrong with it. */
function parseEntry(entry: unknown, at: string): EvalQuestion | string {
  const e = (entry ?? {}) as Record<string, unknown>;
  if (!isText(e.q)) return `${at}: "q" must be a non-empty string`;
  const name = `${at} ("${e.q}")`;
  if (e.note !== undefined && typeof e.note !== 'string') return `${name}: "note" must be a string`;
  if (e.split !== undefined && !SPLITS.includes(e.split as Split))
    return `${name}: "split" must be one of ${SPLITS.map((s) => `"${s}"`).join(', ')}`;
  if (e.answer !== undefined && !isText(e.answer)) return `${name}: "answer" must be a non-empty string`;
  if (e.id !== undefined && !(isText(e.id) && /#\d+$/.test(e.id)))
    return `${name}: "id" must be a passage id, <slug>#<paragraph>`;
  const common = {
    q: e.q,
    ...(typeof e.note === 'string' ? { note: e.note } : {}),
    ...(e.split !== undefined ? { split: e.split as Split } : {}),
  };
  if (e.unanswerable !== undefined) {
    if (e.unanswerable !== true) return `${name}: "unanswerable" can only be true`;
    if (e.expect !== undefined || e.id !== undefined || e.answer !== undefined)
      return `${name}: an unanswerable question has no "expect", "id" or "answer"`;
    return { ...common, expect: [], unanswerable: true };
  }
  if (e.expect !== undefined ? !isPhraseList(e.expect) : !isText(e.answer))
    return `${name}: "expect" must be a non-empty list of phrases (or give "answer", or "unanswerable": true)`;
  const expect = isPhraseList(e.expect) ? e.expect : [e.answer as string];
  return {
    ...common,
    expect,
    ...(typeof e.id === 'string' ? { id: e.id } : {}),
    ...(typeof e.answer === 'string' ? { answer: e.answer } : {}),
  };
}

/** Validates a parsed JSON eval set, naming the first bad entry. */
export function parseEvalQuestions(data: unknown): EvalQuestion[] | string {
  if (!Array.isArray(data)) return 'an eval file must hold a JSON array of { "q": ..., "expect": [...] }';
  const questions: EvalQuestion[] = [];
  for (const [index, entry] of data.entries()) {
    const question = parseEntry(entry, `entry ${index + 1}`);
    if (typeof question === 'string') return question;
    questions.push(question);
  }
  return questions;
}

/** Plain fuse.js, default options, over whole passage texts: the baseline every figure is compared with. */
export function createFuseBaseline(passages: readonly Passage[]): Ranker {
  const fuse = new Fuse(passages, { keys: ['text'] });
  return (query) => ({ passages: fuse.search(query, { limit: EVAL_DEPTH }).map((r) => r.item) });
}

const LABEL_OF = { high: 'strong', medium: 'partial', low: 'weak' } as const;

/** Footnote as a person meets it: its passages, the label and excerpt of the first, and whether it says "not covered". */
export function createFootnoteRanker(index: PassageSearch): Ranker {
  return (query) => {
    const outcome = index.search(query, { limit: EVAL_DEPTH });
    if (outcome.kind !== 'answer' && outcome.kind !== 'weak')
      return { passages: [], answer: { label: 'weak', notCovered: true, excerpt: '' } };
    const best = outcome.hits[0]!;
    return {
      passages: outcome.hits.map((h) => h.passage),
      answer: { label: LABEL_OF[best.confidence], notCovered: outcome.kind === 'weak', excerpt: best.excerpt.text },
    };
  };
}

/** The right passage: the one `id` names, else any passage holding one of the phrases. */
function isRight(question: EvalQuestion, passage: Passage): boolean {
  if (question.id !== undefined) return passage.id === question.id;
  const text = foldForMatch(passage.text);
  return question.expect.some((phrase) => text.includes(foldForMatch(phrase)));
}

function rankOfFirstHit(results: readonly Passage[], question: EvalQuestion): number {
  return results.slice(0, EVAL_DEPTH).findIndex((p) => isRight(question, p)) + 1;
}

export function rate(count: number, of: number): Rate {
  return { count, of, share: of > 0 ? count / of : 0 };
}

function hitAt1Of(ranks: readonly number[]): SubsetScore {
  return { questions: ranks.length, hitAt1: ranks.length > 0 ? ranks.filter((x) => x === 1).length / ranks.length : 0 };
}

/**
 * hit@1, hit@3 and MRR@10 for each engine over the answerable questions (and hit@1 for the misspelt ones and the
 * clean ones); for an engine that answers, the excerpt check, the calibration of its labels and its "not covered"
 * rates, which count the unanswerable questions too.
 */
export function evaluate(questions: readonly EvalQuestion[], engines: Readonly<Record<string, Ranker>>): EvalReport {
  const names = Object.keys(engines);
  const answerable = questions.filter((q) => q.unanswerable !== true);
  const rankings = new Map(names.map((name) => [name, questions.map((question) => engines[name]!(question.q))]));
  const rankOf = (name: string, at: number): number =>
    questions[at]!.unanswerable === true ? 0 : rankOfFirstHit(rankings.get(name)![at]!.passages, questions[at]!);

  const ranks = questions.flatMap((question, at) =>
    question.unanswerable === true
      ? []
      : [
          {
            q: question.q,
            ...(question.note !== undefined ? { note: question.note } : {}),
            ranks: Object.fromEntries(names.map((name) => [name, rankOf(name, at)])),
          },
        ],
  );
  const n = Math.max(answerable.length, 1);
  const engineScores = Object.fromEntries(
    names.map((name) => {
      const r = ranks.map((row) => row.ranks[name]!);
      const misspelt = answerable.map((q, at) => (isMisspelt(q) ? r[at]! : -1)).filter((x) => x >= 0);
      const clean = answerable.map((q, at) => (isMisspelt(q) ? -1 : r[at]!)).filter((x) => x >= 0);
      const scores: EngineScores = {
        hitAt1: r.filter((x) => x === 1).length / n,
        hitAt3: r.filter((x) => x >= 1 && x <= 3).length / n,
        mrr: r.reduce((sum, x) => sum + (x > 0 ? 1 / x : 0), 0) / n,
        misspelt: hitAt1Of(misspelt),
        clean: hitAt1Of(clean),
      };
      return [name, scores];
    }),
  );

  const answers: Record<string, AnswerReport> = {};
  for (const name of names) {
    const list = rankings.get(name)!;
    if (!list.every((ranking) => ranking.answer !== undefined)) continue;
    const rows = questions.map((question, at) => ({
      question,
      answer: list[at]!.answer!,
      right: question.unanswerable !== true && rankOf(name, at) === 1,
    }));
    const rightFirst = rows.filter((row) => row.right);
    const withAnswer = rightFirst.filter((row) => row.question.answer !== undefined);
    const unanswerable = rows.filter((row) => row.question.unanswerable === true);
    answers[name] = {
      excerptShowsAnswer: rate(
        withAnswer.filter((row) => foldForMatch(row.answer.excerpt).includes(foldForMatch(row.question.answer!)))
          .length,
        withAnswer.length,
      ),
      calibration: Object.fromEntries(
        LABELS.map((label) => {
          const labelled = rows.filter((row) => row.answer.label === label);
          return [label, rate(labelled.filter((row) => row.right).length, labelled.length)];
        }),
      ) as Record<Label, Rate>,
      notCoveredWhenRight: rate(rightFirst.filter((row) => row.answer.notCovered).length, rightFirst.length),
      notCoveredWhenUnanswerable: rate(unanswerable.filter((row) => row.answer.notCovered).length, unanswerable.length),
    };
  }
  return {
    questions: answerable.length,
    unanswerable: questions.length - answerable.length,
    engines: engineScores,
    answers,
    ranks,
  };
}
