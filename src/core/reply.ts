import { type Citation, citePassage } from './citation.js';
import { SEARCH_DEFAULTS } from './search/defaults.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Span } from './search/excerpt.js';
import type { Confidence, SearchHit, SearchOutcome } from './search/search-index.js';
import type { Passage } from './types.js';
import { MESSAGES } from '../messages.js';

/**
 * The reply model: what Footnote answers, before it is drawn for Discord or for a terminal. Both renderers take
 * exactly these values, so both faces show the same answer. Text here is plain and verbatim; emphasis is given
 * as spans and added (and escaped) by the renderer.
 */

export interface HighlightedText {
  readonly text: string;
  readonly highlights: readonly Span[];
}

export interface ResultCard {
  readonly citation: Citation;
  readonly excerpt: HighlightedText;
  readonly score: number;
  readonly coverage: number;
  readonly confidence: Confidence;
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
}

export interface ListItem {
  /** A date, an amount or a name, shown first. */
  readonly label: string;
  readonly text: HighlightedText;
  readonly citation?: Citation;
  /** Other articles that report the same item (one timeline event told by several reports). */
  readonly alsoCited?: readonly Citation[];
}

export interface ListReply {
  readonly kind: 'list';
  readonly title: string;
  readonly intro?: string;
  readonly items: readonly ListItem[];
  /** Said instead of the items when there are none. */
  readonly emptyText: string;
  /** Passages shown after the items (the investment passages of /investment). */
  readonly results?: readonly ResultCard[];
  /** The structured facts behind the items, for `--json`. */
  readonly facts?: { readonly events?: readonly unknown[]; readonly figures?: readonly unknown[] };
}

export interface NoticeReply {
  readonly kind: 'notice';
  readonly tone: 'info' | 'warning' | 'error';
  readonly title?: string;
  readonly text: string;
  readonly fields?: readonly { readonly name: string; readonly value: string }[];
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
    score: hit.score,
    coverage: hit.coverage,
    confidence: hit.confidence,
  };
}

/** A whole passage as a card, for "Show context". */
export function cardFromPassage(kb: KnowledgeBase, passage: Passage): ResultCard {
  return {
    citation: citePassage(kb.articleOf(passage), passage),
    excerpt: plainText(passage.text),
    score: 0,
    coverage: 0,
    confidence: 'high',
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
  options: { article?: string; limit?: number } = {},
): AnswerReply {
  const outcome = kb.index.search(query, {
    limit: Math.max(options.limit ?? MAX_RESULTS, MAX_RESULTS),
    ...(options.article !== undefined ? { article: options.article } : {}),
  });
  return buildAnswer(kb, outcome, options.limit ?? MAX_RESULTS);
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
 * Rebuilds an answer from the passages it showed (a button pressed later, perhaps after a restart): each passage
 * keeps the excerpt search picks for the question, or is shown whole if search no longer finds it.
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

/** The paragraphs around a passage, for "Show context". */
export function contextOf(kb: KnowledgeBase, passage: Passage): ListReply {
  return {
    kind: 'list',
    title: `${MESSAGES.contextTitle} · ${kb.articleOf(passage).meta.title}`,
    items: kb.neighbours(passage).map((p) => ({
      label: `¶${p.paragraph}${p.id === passage.id ? ' ▶' : ''}`,
      text: p.id === passage.id ? { text: p.text, highlights: [{ start: 0, end: p.text.length }] } : plainText(p.text),
      citation: citePassage(kb.articleOf(p), p),
    })),
    emptyText: '',
  };
}
