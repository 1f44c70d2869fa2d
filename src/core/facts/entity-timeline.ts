import { contentTokens } from '../normalize.js';
import type { Article, Passage } from '../types.js';
import { makeDate, type Published, readPublished } from './calendar.js';
import { findSentenceDates } from './clauses.js';
import { compress, type EntityLexicon, entityLexicon, entityMatcher, isThingWord } from './entities.js';
import { reportsPastEvent } from './tense.js';
import { type EventFilter, filterEvents, sortEvents } from './timeline.js';
import type { EventDate, EventSource, TimelineEvent } from './types.js';

/**
 * One entity followed through a library: `/timeline about:<name>`. The events that name it (under any of its
 * names, see `entities.ts`), plus what a news report states about it without a date, dated by the day the report
 * was published (`resolvedFrom: 'report'`); one event reported by several articles is one row with each citation.
 */

export interface Library {
  readonly articles: readonly Article[];
  readonly aliases: readonly (readonly string[])[];
}

/**
 * Two reports of one day share few words ("Keller resigned on Wednesday after prosecutors …" and "Keller's
 * resignation on Wednesday deprives …"), so for a day the share is of the shorter sentence's words; a year or a
 * month holds many events, so there both sentences must share half their words.
 */
const SAME_EVENT_SHARE = { day: 0.3, other: 0.5 } as const;
/** A sentence this short ("He declined.") says too little to stand as an event of its own. */
const MIN_WORDS = 6;

const reportEventCache = new WeakMap<Passage, readonly TimelineEvent[]>();

/**
 * The events about `filter.about` (required), with undated report events and merged duplicates, in order.
 * `lexicon`: the library's names, when read already (off the main thread, see library-facts.ts).
 */
export function entityTimeline(
  library: Library,
  events: readonly TimelineEvent[],
  filter: EventFilter & { readonly about: string },
  lexicon: EntityLexicon = entityLexicon(library.articles, library.aliases),
): TimelineEvent[] {
  const person = isPersonName(filter.about, lexicon);
  const matcher = anyOf([filter.about, ...(person ? surnameOf(filter.about, lexicon) : [])], lexicon);
  const rest: EventFilter = {
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.article !== undefined ? { article: filter.article } : {}),
  };
  const passages = new Map(
    library.articles.flatMap((a) => a.passages.map((p, i) => [p.id, { passage: p, article: a, i }])),
  );
  // "The company said…" right after a sentence naming the entity is about the entity too; so is "He said…" right
  // after a sentence whose first name is the person's.
  const follows = (passage: Passage, at: number): boolean => {
    const rest = passage.text.slice(at);
    const pronoun = person && PERSON_PRONOUN_SUBJECT.test(rest);
    if (!pronoun && !DESCRIPTOR_SUBJECT.test(rest)) return false;
    const previous = previousSentence(passages, passage, at);
    if (previous === undefined) return false;
    if (!pronoun) return matcher(previous);
    // The person is the subject of the sentence before: named in its first words.
    return matcher(previous.split(/\s+/).slice(0, SUBJECT_WORDS).join(' '));
  };
  const mentions = (event: TimelineEvent): boolean => {
    if (matcher(event.text) || matcher(event.sentence)) return true;
    const passage = passages.get(event.passageId)?.passage;
    return passage !== undefined && follows(passage, passage.text.indexOf(event.sentence));
  };
  const readable = (passage: Passage): boolean =>
    matcher(passage.text) || passage.sentences.some((sentence) => follows(passage, sentence.start));
  const dated = filterEvents(events, rest).filter(mentions);
  const undated = filterEvents(reportEvents(library.articles, readable), rest).filter(mentions);
  return mergeReports(dropCoarseRepeats(sortEvents([...dated, ...undated])));
}

/** A sentence whose subject is a description rather than a name: "The company said", "The carmaker cut". */
const DESCRIPTOR_SUBJECT =
  /^(?:The|the)\s+(?:company|firm|group|carmaker|automaker|bank|lender|airline|retailer|insurer|operator|manufacturer|start-?up|chipmaker|conglomerate|club|party|agency|regulator|ministry|giant|utility|miner|producer|maker|broadcaster|publisher|developer|supplier|exporter|importer|government)\b/;

const PERSON_PRONOUN_SUBJECT = /^(?:He|She)\s/;
/** How far into a sentence its subject is looked for: "German Economy Minister Anna Keller resigned". */
const SUBJECT_WORDS = 8;

function anyOf(names: readonly string[], lexicon: EntityLexicon): (text: string) => boolean {
  const matchers = names.map((name) => entityMatcher(name, lexicon));
  return (text) => matchers.some((matches) => matches(text));
}

/**
 * "Keller" for "Anna Keller", since a report names a person in full once and then by surname; not when the
 * library names another person with that surname ("Anna Keller" and "Paul Keller").
 */
function surnameOf(name: string, lexicon: EntityLexicon): string[] {
  const words = name.trim().split(/\s+/);
  const surname = words.at(-1);
  if (words.length < 2 || surname === undefined) return [];
  const full = compress(name);
  const others = lexicon.names.some(({ name: other }) => {
    const otherWords = other.split(/\s+/);
    return (
      otherWords.length >= 2 && compress(otherWords.at(-1) ?? '') === compress(surname) && compress(other) !== full
    );
  });
  return others ? [] : [surname];
}

/**
 * A person's name: two or three capitalised words that are not a company or a place ("Lena Marsh"), or the last
 * word of such a name in the library ("Lukashenko" of "Alexander Lukashenko").
 */
function isPersonName(name: string, lexicon: EntityLexicon): boolean {
  const key = compress(name);
  const looksLikePerson = (full: string): boolean => {
    const words = full.split(/\s+/);
    return (
      words.length >= 2 &&
      words.length <= 3 &&
      words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !isThingWord(w)) &&
      compress(words.at(-1) ?? '') !== '' &&
      (compress(full) === key || compress(words.at(-1) ?? '') === key)
    );
  };
  return looksLikePerson(name) || lexicon.names.some(({ name: full }) => looksLikePerson(full));
}

/** The sentence before the one at `at` in `passage`, or the last of the paragraph before. */
function previousSentence(
  passages: ReadonlyMap<string, { passage: Passage; article: Article; i: number }>,
  passage: Passage,
  at: number,
): string | undefined {
  const index = passage.sentences.findLastIndex((sentence) => sentence.start <= at);
  if (index > 0) return passage.sentences[index - 1]?.text;
  const entry = passages.get(passage.id);
  return entry ? entry.article.passages[entry.i - 1]?.sentences.at(-1)?.text : undefined;
}

/**
 * "Arkon cut its prices on Tuesday, the second reduction this year": "this year" holds Tuesday, and both come from
 * one sentence about one event; the row to keep is the precise one.
 */
function dropCoarseRepeats(events: readonly TimelineEvent[]): TimelineEvent[] {
  const bySentence = new Map<string, TimelineEvent[]>();
  const keyOf = (event: TimelineEvent): string => `${event.passageId}\u0000${event.sentence}`;
  for (const event of events) bySentence.set(keyOf(event), [...(bySentence.get(keyOf(event)) ?? []), event]);
  const finer = (a: TimelineEvent, b: TimelineEvent): boolean =>
    a !== b &&
    b.date.end === undefined &&
    a.date.label.startsWith(b.date.label) &&
    a.date.label.length > b.date.label.length;
  return events.filter((event) => !(bySentence.get(keyOf(event)) ?? []).some((other) => finer(other, event)));
}

/**
 * What each news report (an article with a full `published` day) states in the past without a date of its own:
 * "Tesla cut its prices, the company said." is an event of the report's day. Sentences whose only date is
 * background ("the lowest level since 2001") count as undated, since that date is not the event's. Only passages
 * that `mentions` accepts are read (each once, then kept), so a query does not re-read the whole library.
 */
export function reportEvents(
  articles: readonly Article[],
  mentions: (passage: Passage) => boolean = () => true,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const article of articles) {
    const published = readPublished(article.meta.published);
    if (published?.day === undefined || published.month === undefined) continue;
    const date = makeDate(
      { year: published.year, month: published.month, day: published.day, precision: 'day' },
      undefined,
      true,
      'report',
    );
    for (const passage of article.passages) {
      if (!mentions(passage)) continue;
      let found = reportEventCache.get(passage);
      if (!found) {
        found = undatedEvents(passage, published, date);
        reportEventCache.set(passage, found);
      }
      events.push(...found);
    }
  }
  return events;
}

function undatedEvents(passage: Passage, published: Published, date: EventDate): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const { sentence, clauses } of findSentenceDates(passage, published)) {
    if (clauses.length > 0) continue;
    const text = passage.text.slice(sentence.start, sentence.end);
    if (text.split(/\s+/).length < MIN_WORDS || !reportsPastEvent(text)) continue;
    events.push({
      date,
      text,
      sentence: text,
      passageId: passage.id,
      articleSlug: passage.articleSlug,
      paragraph: passage.paragraph,
      ...(passage.section !== undefined ? { section: passage.section } : {}),
      start: sentence.start,
    });
  }
  return events;
}

/**
 * Folds the same event told by several articles into one row: same date label, different articles, and enough
 * content words in common. The first in order stays; the others become its `alsoReported` citations.
 */
export function mergeReports(events: readonly TimelineEvent[]): TimelineEvent[] {
  interface Row {
    readonly event: TimelineEvent;
    readonly words: ReadonlySet<string>;
    readonly also: EventSource[];
    readonly articles: Set<string>;
  }
  const rows: Row[] = [];
  // Only rows of the same date can be the same event: look there, not through every row.
  const byLabel = new Map<string, Row[]>();
  for (const event of events) {
    const words = new Set(contentTokens(event.text).map((t) => t.term));
    const day = event.date.precision === 'day';
    const share = day ? SAME_EVENT_SHARE.day : SAME_EVENT_SHARE.other;
    const candidates = byLabel.get(event.date.label) ?? [];
    const same = candidates.find(
      (row) =>
        !row.articles.has(event.articleSlug) &&
        (day ? overlapOfShorter(row.words, words) : overlap(row.words, words)) >= share,
    );
    if (same) {
      same.also.push(sourceOf(event));
      same.articles.add(event.articleSlug);
      continue;
    }
    const row = { event, words, also: [], articles: new Set([event.articleSlug]) };
    rows.push(row);
    candidates.push(row);
    byLabel.set(event.date.label, candidates);
  }
  return rows.map(({ event, also }) => (also.length > 0 ? { ...event, alsoReported: also } : event));
}

function sourceOf(event: TimelineEvent): EventSource {
  const { text, sentence, passageId, articleSlug, paragraph, section, start } = event;
  return { text, sentence, passageId, articleSlug, paragraph, ...(section !== undefined ? { section } : {}), start };
}

/** Shared words as a share of the smaller set. */
function overlapOfShorter(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : shared / smaller;
}

/** Jaccard overlap of two word sets. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
