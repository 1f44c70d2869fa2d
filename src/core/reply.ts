import { type Citation, citePassage } from './citation.js';
import { SEARCH_DEFAULTS } from './search/defaults.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Span } from './search/excerpt.js';
import type { DatePoint, DatePrecision, EventDate, Figure, FigureKind, TimelineEvent } from './facts/index.js';
import type { Confidence, SearchHit, SearchOutcome } from './search/search-index.js';
import type { Passage } from './types.js';

/**
 * The reply model: what Footnote answers, before it is drawn for Discord or for a terminal. Both renderers take
 * exactly these values, so both faces show the same answer. Text here is plain and verbatim; emphasis is given
 * as spans and added (and escaped) by the renderer. No sentence a person reads is made here: the reply holds
 * values and codes (a status, a confidence), and each face takes the words for them from `src/messages.ts`.
 */

export interface HighlightedText {
  readonly text: string;
  readonly highlights: readonly Span[];
}

/**
 * How well a card's passage matches the question: search's confidence, or `chosen` for a passage the person
 * picked by name (an autocomplete preview) that search did not rank for the question.
 */
export type CardConfidence = Confidence | 'chosen';

export interface ResultCard {
  readonly citation: Citation;
  readonly excerpt: HighlightedText;
  /** Where the excerpt sits in the passage text (`excerpt.text` is exactly `passage.text.slice(start, end)`). */
  readonly range: { readonly start: number; readonly end: number };
  readonly score: number;
  readonly coverage: number;
  readonly confidence: CardConfidence;
}

export type AnswerStatus = 'answer' | 'weak' | 'no-match' | 'empty';

export interface ArticleSummary {
  readonly slug: string;
  readonly title: string;
  readonly author?: string;
  readonly published?: string;
  readonly passages: number;
}

export interface AnswerReply {
  readonly kind: 'answer';
  readonly query: string;
  readonly status: AnswerStatus;
  /** Best first. For `weak`, the nearest passages, offered as such rather than as an answer. */
  readonly results: readonly ResultCard[];
  /** For `no-match`: what the library does cover. */
  readonly articles: readonly ArticleSummary[];
  /** A message the answer was asked about ("Find sources"), for the reply to name and link. */
  readonly about?: { readonly label: string; readonly url?: string };
  /** The article the question was limited to (its slug), so a follow-up keeps to it. */
  readonly article?: string;
  /** Words of the earlier question a follow-up was searched with, at lower weight. */
  readonly context?: string;
}

export interface ListItem {
  /** A date, an amount or a name, shown first. */
  readonly label: string;
  readonly text: HighlightedText;
  readonly citation?: Citation;
  /** Other articles that report the same item (one timeline event told by several reports). */
  readonly alsoCited?: readonly Citation[];
}

/** A dated event of /timeline, as `--json` prints it. */
export interface EventFact {
  readonly date: string;
  readonly precision: DatePrecision;
  readonly inferred: boolean;
  readonly resolvedFrom?: EventDate['resolvedFrom'];
  readonly end?: DatePoint;
  readonly text: string;
  readonly article: string;
  readonly passageId: string;
  readonly paragraph: number;
  readonly section: string | null;
  /** The same event as other articles report it. */
  readonly alsoReported?: readonly { readonly article: string; readonly passageId: string; readonly text: string }[];
}

/** A money amount or a count of /investment, as `--json` prints it. */
export interface FigureFact {
  readonly amount: number;
  readonly display: string;
  readonly unit: string;
  readonly kind: FigureKind;
  readonly text: string;
  readonly year: number | null;
  readonly article: string;
  readonly passageId: string;
  readonly paragraph: number;
  readonly section: string | null;
}

export interface ListReply {
  readonly kind: 'list';
  readonly title: string;
  readonly intro?: string;
  readonly items: readonly ListItem[];
  /** Said instead of the items when there are none. */
  readonly emptyText: string;
  /** Items per page where a face pages (Discord); absent: the face's own choice. */
  readonly pageSize?: number;
  /** Passages shown after the items (the investment passages of /investment). */
  readonly results?: readonly ResultCard[];
  /** The structured facts behind the items, for `--json`. */
  readonly facts?: { readonly events?: readonly EventFact[]; readonly figures?: readonly FigureFact[] };
}

export interface NoticeReply {
  readonly kind: 'notice';
  readonly tone: 'info' | 'warning' | 'error';
  readonly title?: string;
  readonly text: string;
  readonly fields?: readonly { readonly name: string; readonly value: string }[];
  /** A page the notice is about (an article just added): a link button in Discord. */
  readonly link?: { readonly label: string; readonly url: string };
}

export type Reply = AnswerReply | ListReply | NoticeReply;

/** The answers shown: search's own result limit, under the name the reply model uses. */
export const MAX_RESULTS = SEARCH_DEFAULTS.limit;
/** A further result is shown only if it covers at least this share of what the best one covers. */
const RELATED_SHARE = 0.5;

export function plainText(text: string): HighlightedText {
  return { text, highlights: [] };
}

export function summarizeArticles(kb: KnowledgeBase): ArticleSummary[] {
  return kb.articles.map((a) => ({
    slug: a.slug,
    title: a.meta.title,
    ...(a.meta.author !== undefined ? { author: a.meta.author } : {}),
    ...(a.meta.published !== undefined ? { published: a.meta.published } : {}),
    passages: a.passages.length,
  }));
}

export function cardFromHit(hit: SearchHit): ResultCard {
  return {
    citation: citePassage(hit.article, hit.passage, hit.excerpt.text),
    excerpt: { text: hit.excerpt.text, highlights: hit.excerpt.highlights },
    range: { start: hit.excerpt.start, end: hit.excerpt.end },
    score: hit.score,
    coverage: hit.coverage,
    confidence: hit.confidence,
  };
}

/** A whole passage as a card that search did not rank: one the person chose by name. */
export function cardFromPassage(kb: KnowledgeBase, passage: Passage): ResultCard {
  return {
    citation: citePassage(kb.articleOf(passage), passage),
    excerpt: plainText(passage.text),
    range: { start: 0, end: passage.text.length },
    score: 0,
    coverage: 0,
    confidence: 'chosen',
  };
}

/** What a card keeps of itself to be drawn again later (a button pressed after the first message). */
export interface CardRecord {
  readonly passageId: string;
  readonly start: number;
  readonly end: number;
  /** Highlights, offsets relative to the excerpt. */
  readonly highlights: readonly (readonly [number, number])[];
  readonly score: number;
  readonly coverage: number;
  readonly confidence: CardConfidence;
}

export function recordCard(card: ResultCard): CardRecord {
  return {
    passageId: card.citation.passageId,
    start: card.range.start,
    end: card.range.end,
    highlights: card.excerpt.highlights.map((h) => [h.start, h.end] as const),
    score: card.score,
    coverage: card.coverage,
    confidence: card.confidence,
  };
}

/**
 * The card a record describes, with the very excerpt and highlights it had, without searching again; undefined
 * when the passage is gone or the range no longer lies inside it (a different library).
 */
export function cardFromRecord(kb: KnowledgeBase, record: CardRecord): ResultCard | undefined {
  const passage = kb.passage(record.passageId);
  if (!passage || record.start < 0 || record.end > passage.text.length || record.start >= record.end) return undefined;
  const text = passage.text.slice(record.start, record.end);
  return {
    citation: citePassage(kb.articleOf(passage), passage, text),
    excerpt: { text, highlights: record.highlights.map(([start, end]) => ({ start, end })) },
    range: { start: record.start, end: record.end },
    score: record.score,
    coverage: record.coverage,
    confidence: record.confidence,
  };
}

/** Turns a search outcome into the answer people see: only results related enough to the best one. */
export function buildAnswer(kb: KnowledgeBase, outcome: SearchOutcome, limit = MAX_RESULTS): AnswerReply {
  if (outcome.kind === 'empty' || outcome.kind === 'no-match') {
    return { kind: 'answer', query: outcome.query, status: outcome.kind, results: [], articles: summarizeArticles(kb) };
  }
  const best = outcome.hits[0]?.coverage ?? 0;
  const related = outcome.hits.filter((hit, i) => i === 0 || hit.coverage >= best * RELATED_SHARE).slice(0, limit);
  return {
    kind: 'answer',
    query: outcome.query,
    status: outcome.kind,
    results: related.map(cardFromHit),
    articles: outcome.kind === 'weak' ? summarizeArticles(kb) : [],
  };
}

export function answerQuestion(
  kb: KnowledgeBase,
  query: string,
  options: { article?: string; limit?: number; context?: string } = {},
): AnswerReply {
  const outcome = kb.index.search(query, {
    limit: Math.max(options.limit ?? MAX_RESULTS, MAX_RESULTS),
    ...(options.article !== undefined ? { article: options.article } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  return {
    ...buildAnswer(kb, outcome, options.limit ?? MAX_RESULTS),
    ...(options.article !== undefined ? { article: options.article } : {}),
    ...(options.context ? { context: options.context } : {}),
  };
}

/**
 * The answer to `query` with one chosen passage first (an autocomplete preview the person picked). If search no
 * longer ranks that passage, it is still shown first, whole, since it was asked for by name.
 */
export function answerWithPassage(
  kb: KnowledgeBase,
  passageId: string,
  query: string,
  options: { article?: string } = {},
): AnswerReply {
  const passage = kb.passage(passageId);
  const answer = answerQuestion(kb, query, options);
  if (!passage) return answer;
  const others = answer.results.filter((card) => card.citation.passageId !== passageId);
  const chosen = answer.results.find((card) => card.citation.passageId === passageId) ?? cardFromPassage(kb, passage);
  return { ...answer, status: 'answer', results: [chosen, ...others].slice(0, MAX_RESULTS), articles: [] };
}

/**
 * Rebuilds an answer from the passages it showed and its question, by searching again: what buttons of the first
 * format carry (passage keys and the part of the question that fitted). Each passage keeps the excerpt search picks
 * for the question, or is shown whole if search no longer finds it. Buttons made now keep each card's excerpt
 * instead (`recordCard`, `cardFromRecord`).
 */
export function answerFromPassages(kb: KnowledgeBase, passages: readonly Passage[], query: string): AnswerReply {
  const outcome = kb.index.search(query, { limit: 50 });
  const hits = outcome.kind === 'answer' || outcome.kind === 'weak' ? outcome.hits : [];
  const results = passages.map((passage) => {
    const hit = hits.find((h) => h.passage.id === passage.id);
    return hit ? cardFromHit(hit) : cardFromPassage(kb, passage);
  });
  return { kind: 'answer', query, status: 'answer', results, articles: [] };
}

/** One line of a list that quotes a fact (a dated event, a figure): its label, the verbatim text and its citation. */
export function factLine(
  kb: KnowledgeBase,
  fact: { readonly label: string; readonly passageId: string; readonly text: string; readonly highlight?: Span },
): ListItem {
  const passage = kb.passage(fact.passageId);
  const highlights =
    fact.highlight && fact.highlight.start >= 0 && fact.highlight.end <= fact.text.length ? [fact.highlight] : [];
  return {
    label: fact.label,
    text: { text: fact.text, highlights },
    ...(passage ? { citation: citePassage(kb.articleOf(passage), passage, fact.text) } : {}),
  };
}

export function eventFact(event: TimelineEvent): EventFact {
  return {
    date: event.date.label,
    precision: event.date.precision,
    inferred: event.date.inferred,
    ...(event.date.resolvedFrom ? { resolvedFrom: event.date.resolvedFrom } : {}),
    ...(event.date.end ? { end: event.date.end } : {}),
    text: event.text,
    article: event.articleSlug,
    passageId: event.passageId,
    paragraph: event.paragraph,
    section: event.section ?? null,
    ...(event.alsoReported
      ? {
          alsoReported: event.alsoReported.map((r) => ({
            article: r.articleSlug,
            passageId: r.passageId,
            text: r.text,
          })),
        }
      : {}),
  };
}

export function figureFact(figure: Figure): FigureFact {
  return {
    amount: figure.amount,
    display: figure.display,
    unit: figure.unit,
    kind: figure.kind,
    text: figure.text,
    year: figure.year ?? null,
    article: figure.articleSlug,
    passageId: figure.passageId,
    paragraph: figure.paragraph,
    section: figure.section ?? null,
  };
}
