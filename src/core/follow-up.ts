import { isStopword, tokenize } from './normalize.js';
import { isEnglishWord } from './search/dictionary.js';

/** The question an answer was for, as a reply to that answer finds it. */
export interface EarlierQuestion {
  readonly query: string;
  readonly article?: string;
  /** The words that question itself borrowed, when it was a follow-up too. */
  readonly context?: string;
}

/** How a follow-up is searched: its own words, the earlier scope, and maybe the earlier words at lower weight. */
export interface FollowUp {
  readonly question: string;
  readonly article?: string;
  readonly context?: string;
}

/** A follow-up of at most this many words may lean on the question before it. */
const SHORT_FOLLOW_UP_WORDS = 6;
/** Words of earlier questions carried along a chain of follow-ups, most recent first. */
const MAX_CONTEXT_WORDS = 24;

/**
 * Whether a word names something the follow-up is about: capitalised and not an everyday English word
 * ("Russia", "Polonez", "BRI", but not "And" or "Sanctions" at the start of a sentence).
 */
function isName(word: string): boolean {
  if (!/^\p{Lu}/u.test(word)) return false;
  const lower = word.toLowerCase();
  return !isStopword(lower) && !isEnglishWord(lower) && !CALENDAR_WORDS.has(lower);
}

/** Months and days: capitalised, but a time ("and in February?"), not a subject. */
const CALENDAR_WORDS = new Set(
  [
    ...Array.from({ length: 12 }, (_, m) =>
      new Date(Date.UTC(2000, m, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' }),
    ),
    ...Array.from({ length: 7 }, (_, d) =>
      new Date(Date.UTC(2000, 0, 2 + d)).toLocaleString('en', { weekday: 'long', timeZone: 'UTC' }),
    ),
  ].map((w) => w.toLowerCase()),
);

/**
 * Whether a follow-up is short and names nothing of its own ("and in 2023?", "who said that?"), so that it only
 * makes sense with the question it follows. "What about Russia?" names its subject and is searched as it is.
 */
export function leansOnEarlier(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0 || words.length > SHORT_FOLLOW_UP_WORDS) return false;
  return !words.some((w) => isName(w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')));
}

/** The follow-up `text` to an answer of `earlier`: in the same article, and with its words when it needs them. */
export function followUpOf(text: string, earlier: EarlierQuestion): FollowUp {
  const scope = earlier.article !== undefined ? { article: earlier.article } : {};
  if (!leansOnEarlier(text)) return { question: text, ...scope };
  const words = [earlier.query, earlier.context ?? '']
    .join(' ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, MAX_CONTEXT_WORDS);
  // A follow-up whose words are all in the earlier question needs nothing more.
  const own = new Set(tokenize(text).map((t) => t.term));
  if (tokenize(words.join(' ')).every((t) => own.has(t.term))) return { question: text, ...scope };
  return { question: text, ...scope, context: words.join(' ') };
}
