import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let words: ReadonlySet<string> | undefined;

/**
 * Whether `word` is an English word. A query word the library does not use may be a typo ("investmnt") or a real
 * word the library simply lacks ("export"); only the first should be read as its nearest neighbour ("expert").
 * The list (about 275,000 words) loads on first use, so start-up does not pay for it.
 */
export function isEnglishWord(word: string): boolean {
  words ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return words.has(word);
}
