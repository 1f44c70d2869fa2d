import type { Passage } from '../types.js';
import { type DateMention, findDateMentions, type Published } from './dates.js';

/**
 * Cuts a sentence that states several dates into one clause per date, so that "in 2023 China invested $1.7 billion
 * … while in 2022 Chinese investments … reached $1.4 billion" gives each year its own words. Cuts fall where the
 * sentence itself divides: a semicolon, then a conjunction after a comma or dash (", while"), then a bare
 * conjunction (" and "), then a comma, then a dash. Everything stays an offset into the passage text.
 */

interface Range {
  readonly start: number;
  readonly end: number;
}

/** A date and the words of the passage that go with it. */
export interface DatedClause {
  readonly mention: DateMention;
  /** The sentence (or sentences, when a date straddles a false sentence break such as "Feb. 24"). */
  readonly sentence: Range;
  /** The part of the sentence that belongs to this date, punctuation included; figures in it take its year. */
  readonly region: Range;
  /** `region` without the white space, punctuation and trailing words that do not belong to the date. */
  readonly clause: Range;
}

/** A sentence-like stretch of a passage and the dates inside it. */
export interface SentenceDates {
  readonly sentence: Range;
  readonly clauses: readonly DatedClause[];
}

/** Every sentence of the passage, each with its dates and their clauses. */
export function findSentenceDates(passage: Passage, published: Published | undefined): SentenceDates[] {
  const mentions = findDateMentions(passage.text, published);
  return joinSentences(passage, mentions).map((sentence) => {
    const inside = dropRepeatedDates(
      keepEventDates(mentions.filter((m) => m.start >= sentence.start && m.start < sentence.end)),
    );
    return { sentence, clauses: cutClauses(passage.text, sentence, inside) };
  });
}

/** Sentence ranges, joined where a date runs across a break the segmenter saw ("Sept. 3, 2019"). */
function joinSentences(passage: Passage, mentions: readonly DateMention[]): Range[] {
  const ranges: Range[] = [];
  for (const s of passage.sentences) {
    const range = { start: s.start, end: s.start + s.text.length };
    const last = ranges.at(-1);
    if (last && mentions.some((m) => m.start < last.end && m.end > range.start))
      ranges[ranges.length - 1] = { start: last.start, end: range.end };
    else ranges.push(range);
  }
  return ranges;
}

/**
 * "Alvarez, who played in the 1986 squad, resigned last October": a year that qualifies a noun dates a thing the
 * sentence mentions, not what the sentence reports, when the sentence states another date. Alone, it is the event:
 * "The 2008 financial crisis delayed the second phase".
 */
function keepEventDates(mentions: readonly DateMention[]): readonly DateMention[] {
  return mentions.some((m) => !m.attributive) ? mentions.filter((m) => !m.attributive) : mentions;
}

/** "In 2016, at the 2016 summit" is one date, not two events. */
function dropRepeatedDates(mentions: readonly DateMention[]): DateMention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => !seen.has(m.date.label) && seen.add(m.date.label));
}

/** The cut between two dates: where the first clause ends and the next begins. */
interface Cut {
  readonly leftEnd: number;
  readonly rightStart: number;
}

/** Ordered from the strongest division of a sentence to the weakest; the last match of the first that fits wins. */
const CUT_PATTERNS: readonly RegExp[] = [
  /\s*;\s*/g,
  /\s*(?:,|[\u2013\u2014]|\s-)\s*(?:while|whereas|but|and|then|yet)\s+/gi,
  /\s+(?:while|whereas|but|and)\s+/gi,
  /\s*,\s*/g,
  /\s*(?:[\u2013\u2014]|\s-\s)\s*/g,
];

function findCut(text: string, from: number, to: number): Cut | undefined {
  const gap = text.slice(from, to);
  for (const pattern of CUT_PATTERNS) {
    const last = [...gap.matchAll(pattern)].at(-1);
    if (last) return { leftEnd: from + last.index, rightStart: from + last.index + last[0].length };
  }
  return undefined;
}

/** One clause per date; dates with nothing between them to cut at share the clause. */
function cutClauses(text: string, sentence: Range, mentions: readonly DateMention[]): DatedClause[] {
  const groups: { mentions: DateMention[]; region: { start: number; end: number } }[] = [];
  mentions.forEach((mention, i) => {
    const previous = mentions[i - 1];
    const cut = previous ? findCut(text, previous.end, mention.start) : undefined;
    const current = groups.at(-1);
    if (current && !cut) {
      current.mentions.push(mention);
      return;
    }
    if (current && cut) current.region.end = cut.leftEnd;
    groups.push({ mentions: [mention], region: { start: cut ? cut.rightStart : sentence.start, end: sentence.end } });
  });

  return groups.flatMap((group, i) => {
    const clause = trimClause(text, group.region, group.mentions, i > 0);
    return group.mentions.map((mention) => ({ mention, sentence, region: group.region, clause }));
  });
}

const WORD = /[\p{L}\p{N}]+/gu;
/** A later clause whose date closes it ("and co-developed … in 2016, chances … remain low") ends at the date. */
const MIN_WORDS_BEFORE_CLOSING_DATE = 3;

/** Strips white space and dangling punctuation; a later clause also stops after a date that closes it. */
function trimClause(text: string, region: Range, mentions: readonly DateMention[], later: boolean): Range {
  let { start, end } = region;
  const last = mentions.at(-1);
  if (later && last && mentions.length === 1) {
    const wordsBefore = text.slice(start, last.start).match(WORD)?.length ?? 0;
    if (wordsBefore >= MIN_WORDS_BEFORE_CLOSING_DATE && /^\s*,/.test(text.slice(last.end, end))) end = last.end;
  }
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  const floor = Math.max(start, last?.end ?? start);
  while (end > floor && /[\s,;:\u2013\u2014-]/.test(text.charAt(end - 1))) end -= 1;
  return { start, end };
}
