import type { Article, Passage } from '../types.js';
import { type DatedClause, findSentenceDates } from './clauses.js';
import { type Published, readPublished } from './calendar.js';
import type { TimelineEvent } from './types.js';

/**
 * Every dated event an article states, in article order: one per date, with the verbatim sentence or, when the
 * sentence states several dates, the clause that goes with each. A date without a year ("on August 23") takes its
 * year from `meta.published` (the latest such date on or before publication) and is marked `inferred`; without
 * `published` it is left out rather than guessed. Relative phrases ("recently", "this year") are left out.
 */
export function extractEvents(article: Article): TimelineEvent[] {
  const published = readPublished(article.meta.published);
  return article.passages.flatMap((passage) => extractPassageEvents(passage, published));
}

function extractPassageEvents(passage: Passage, published: Published | undefined): TimelineEvent[] {
  return findSentenceDates(passage, published).flatMap(({ clauses }) =>
    clauses.map((clause) => buildEvent(passage, clause)),
  );
}

function buildEvent(passage: Passage, { mention, sentence, clause }: DatedClause): TimelineEvent {
  return {
    date: mention.date,
    text: passage.text.slice(clause.start, clause.end),
    sentence: passage.text.slice(sentence.start, sentence.end),
    passageId: passage.id,
    articleSlug: passage.articleSlug,
    paragraph: passage.paragraph,
    ...(passage.section !== undefined ? { section: passage.section } : {}),
    start: clause.start,
  };
}
