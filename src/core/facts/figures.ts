import { isStopword, tokenize } from '../normalize.js';
import type { Article, Passage } from '../types.js';
import { type DatedClause, findSentenceDates, type SentenceDates } from './clauses.js';
import { type Published, readPublished } from './dates.js';
import type { Figure, FigureKind } from './types.js';

/**
 * Money and counts an article states: `$2.6 billion`, `€300 million`, `£5m`, `US$ 2 billion`, `2.6 billion dollars`,
 * `22 state-owned enterprises`, `1.5 million people`. Durations and measures ("30 years", "12 kilometres",
 * "40 percent") are not figures, nor is a number that is a year (1900–2099 without separators), nor a number
 * written in words ("three companies").
 */
export function extractFigures(article: Article): Figure[] {
  const published = readPublished(article.meta.published);
  return article.passages.flatMap((passage) => extractPassageFigures(passage, published));
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/** A figure found in a passage, before it is placed in its sentence. */
interface FigureMatch {
  readonly start: number;
  readonly end: number;
  readonly amount: number;
  readonly unit: string;
  readonly kind: FigureKind;
}

function extractPassageFigures(passage: Passage, published: Published | undefined): Figure[] {
  const sentences = findSentenceDates(passage, published);
  const money = findMoney(passage.text);
  const dates = sentences.flatMap((s) => s.clauses.map((c) => c.mention));
  const counts = findCounts(passage.text).filter(
    (c) => ![...money, ...dates].some((taken) => c.start < taken.end && taken.start < c.end),
  );
  return [...money, ...counts]
    .sort((a, b) => a.start - b.start)
    .flatMap((match) => {
      const sentence = sentences.find((s) => match.start >= s.sentence.start && match.start < s.sentence.end);
      return sentence ? [buildFigure(passage, match, sentence)] : [];
    });
}

function buildFigure(passage: Passage, match: FigureMatch, { sentence, clauses }: SentenceDates): Figure {
  const sameClause = clauses.filter((c) => match.start >= c.region.start && match.start < c.region.end);
  const range = sameClause[0]?.region ?? sentence;
  const year = statedYear(match, sameClause);
  return {
    amount: match.amount,
    display: passage.text.slice(match.start, match.end),
    unit: match.unit,
    kind: match.kind,
    text: passage.text.slice(sentence.start, sentence.end),
    ...(year !== undefined ? { year } : {}),
    passageId: passage.id,
    articleSlug: passage.articleSlug,
    paragraph: passage.paragraph,
    ...(passage.section !== undefined ? { section: passage.section } : {}),
    start: sentence.start,
    displayStart: match.start,
    topic: findTopic(passage.text.slice(range.start, range.end), range.start, [
      match,
      ...clauses.map((c) => c.mention),
    ]),
  };
}

/** The year of the nearest date in the figure's clause, if that date is one printed year (not a span, not inferred). */
function statedYear(match: FigureMatch, clauses: readonly DatedClause[]): number | undefined {
  const distance = (c: DatedClause): number => Math.abs(c.mention.start - match.start);
  const nearest = [...clauses].sort((a, b) => distance(a) - distance(b))[0]?.mention.date;
  return nearest && !nearest.end && !nearest.inferred ? nearest.year : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Money

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SCALE_WORD = 'thousand|million|billion|trillion';
const SCALE_ABBREVIATION = 'bn|mn|m|b|k';
const SCALE_EXPONENT: Readonly<Record<string, number>> = Object.freeze({
  thousand: 3,
  k: 3,
  million: 6,
  mn: 6,
  m: 6,
  billion: 9,
  bn: 9,
  b: 9,
  trillion: 12,
});
const CURRENCY_CODES = 'USD|EUR|GBP|CNY|RMB|RUB|JPY|CHF';
const CURRENCY_WORDS = String.raw`US\s+dollars?|dollars?|euros?|pounds\s+sterling|pounds?|yuan|renminbi|roubles?|rubles?|yen|Swiss\s+francs|francs`;

/** `$2.6 billion`, `US$ 2 billion`, `€300 million`, `£5m`, `EUR 40 million`. */
const MONEY_PREFIXED = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(US\$|\$|€|£|¥|(?:${CURRENCY_CODES})(?=\s?\d))\s?(${NUMBER})(?:\s?(${SCALE_WORD})\b|(${SCALE_ABBREVIATION})(?![\p{L}\p{N}]))?`,
  'gu',
);
/** `2.6 billion dollars`, `300 million euros`, `40 EUR`. */
const MONEY_SUFFIXED = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥.,])(${NUMBER})(?:\s(${SCALE_WORD}))?\s(${CURRENCY_WORDS}|${CURRENCY_CODES})(?![\p{L}\p{N}])`,
  'giu',
);

const CURRENCY_BY_SIGN: readonly (readonly [RegExp, string])[] = [
  [/^(?:us\$|\$|usd|(?:us\s+)?dollars?)$/i, 'USD'],
  [/^(?:€|eur|euros?)$/i, 'EUR'],
  [/^(?:£|gbp|pounds?(?:\s+sterling)?)$/i, 'GBP'],
  // ¥ is also the yuan's sign; an article about China usually writes "yuan" or "RMB", which map to CNY.
  [/^(?:¥|jpy|yen)$/i, 'JPY'],
  [/^(?:cny|rmb|yuan|renminbi)$/i, 'CNY'],
  [/^(?:rub|r[ou]bles?)$/i, 'RUB'],
  [/^(?:chf|(?:swiss\s+)?francs)$/i, 'CHF'],
];

function currencyOf(sign: string): string {
  return CURRENCY_BY_SIGN.find(([pattern]) => pattern.test(sign.trim()))?.[1] ?? sign.toUpperCase();
}

/** `2.6` and `billion` → 2_600_000_000, exactly: the exponent is applied in the decimal string, not by multiplying. */
function amountOf(number: string, scale: string | undefined): number {
  const exponent = scale === undefined ? 0 : (SCALE_EXPONENT[scale.toLowerCase()] ?? 0);
  return Number(`${number.replace(/,/g, '')}e${exponent}`);
}

function findMoney(text: string): FigureMatch[] {
  const found: FigureMatch[] = [];
  for (const m of text.matchAll(MONEY_PREFIXED)) {
    const [whole, sign = '', number = '', word, abbreviation] = m;
    found.push({
      start: m.index,
      end: m.index + whole.length,
      amount: amountOf(number, word ?? abbreviation),
      unit: currencyOf(sign),
      kind: 'money',
    });
  }
  for (const m of text.matchAll(MONEY_SUFFIXED)) {
    const [whole, number = '', scale, currency = ''] = m;
    // "300 pounds of grain" is a weight: pounds are money only with a scale word or "sterling".
    if (/^pounds?$/i.test(currency) && scale === undefined) continue;
    if (found.some((f) => m.index < f.end && f.start < m.index + whole.length)) continue;
    found.push({
      start: m.index,
      end: m.index + whole.length,
      amount: amountOf(number, scale),
      unit: currencyOf(currency),
      kind: 'money',
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Counts

/** A number, an optional scale word, then up to three words; the counted noun is the first plural among them. */
const COUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥.,/-])(${NUMBER})(?:\s(${SCALE_WORD}))?((?:\s+[\p{L}][\p{L}\p{M}'’-]*){1,3})`,
  'gu',
);
const IRREGULAR_PLURALS = new Set(['people', 'children', 'men', 'women', 'staff', 'personnel', 'police', 'cattle']);
/** Plurals that measure rather than count: "30 years" is a duration, "12 kilometres" a length. */
const MEASURE_WORDS = new Set(
  `years months weeks days hours minutes seconds decades centuries times percent kilometres kilometers metres meters
miles feet inches tons tonnes kilograms grams pounds litres liters gallons degrees points acres hectares dollars euros
yuan rubles roubles francs`.split(/\s+/),
);
/** Words before a number that make it a count even when capitalised: "Some 22 companies". */
const COUNT_LEAD_INS =
  /^(?:some|about|around|over|under|nearly|almost|roughly|approximately|only|just|exactly|at|least|more|than|all|the|with|and|of)$/i;

function isPlural(word: string): boolean {
  const lower = word.toLowerCase();
  if (IRREGULAR_PLURALS.has(lower)) return true;
  return /^\p{Ll}/u.test(word) && lower.length >= 3 && /s$/.test(lower) && !/(?:ss|us|is|'s|’s)$/.test(lower);
}

/** A 4-digit number in 1900–2099 with no separators or scale is read as a year, never as a count. */
function looksLikeYear(number: string, scale: string | undefined): boolean {
  return scale === undefined && /^(?:19|20)\d{2}$/.test(number);
}

/** "Line 5 opens", "Article 22 grants": a capitalised word before the number names a thing, it does not count. */
function isIdentifier(text: string, start: number): boolean {
  const previous = /(\S+)\s+$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1];
  if (previous === undefined || COUNT_LEAD_INS.test(previous)) return false;
  return /^\p{Lu}/u.test(previous) || /^no\.?$/i.test(previous);
}

function findCounts(text: string): FigureMatch[] {
  const found: FigureMatch[] = [];
  for (const m of text.matchAll(COUNT)) {
    const [, number = '', scale, tail = ''] = m;
    if (looksLikeYear(number, scale) || (scale === undefined && number.includes('.')) || isIdentifier(text, m.index))
      continue;
    const noun = countedNoun(tail);
    if (noun === undefined) continue;
    const end = m.index + m[0].length - tail.length + noun.offset + noun.text.length;
    found.push({ start: m.index, end, amount: amountOf(number, scale), unit: noun.text, kind: 'count' });
  }
  return found;
}

/** The counted noun phrase in the words after a number: up to its first plural, with no function word before it. */
function countedNoun(tail: string): { text: string; offset: number } | undefined {
  const words = [...tail.matchAll(/[\p{L}][\p{L}\p{M}'’-]*/gu)];
  const first = words[0];
  if (first === undefined) return undefined;
  for (const word of words) {
    const lower = word[0].toLowerCase();
    if (isStopword(lower)) return undefined;
    if (!isPlural(word[0])) continue;
    if (MEASURE_WORDS.has(lower)) return undefined;
    return { text: tail.slice(first.index, word.index + word[0].length), offset: first.index };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Topic

const MAX_TOPIC_WORDS = 8;
/** Hedges and scale words say nothing about what is measured. */
const NOT_TOPIC = new Set([
  'around',
  'approximately',
  'nearly',
  'almost',
  'roughly',
  'estimated',
  'reportedly',
  'thousand',
  'million',
  'billion',
  'trillion',
  'bn',
  'mn',
]);

/**
 * The clause's meaningful words nearest the figure first, so "investments" and "credit" end up in front. The
 * figure's own words and the sentence's dates (`figure`, then `skip`) are left out.
 */
function findTopic(clause: string, offset: number, [figure, ...skip]: readonly [FigureMatch, ...Range[]]): string[] {
  const distance = (t: Range): number =>
    t.end + offset <= figure.start ? figure.start - (t.end + offset) : t.start + offset - figure.end;
  const outside = (t: Range, r: Range): boolean => t.end + offset <= r.start || t.start + offset >= r.end;
  const words = tokenize(clause)
    .filter((t) => outside(t, figure) && skip.every((r) => outside(t, r)))
    .filter((t) => !isStopword(t.surface) && !NOT_TOPIC.has(t.surface) && !/\d/.test(t.surface) && t.surface.length > 1)
    .sort((a, b) => distance(a) - distance(b))
    .map((t) => t.surface);
  return [...new Set(words)].slice(0, MAX_TOPIC_WORDS);
}
