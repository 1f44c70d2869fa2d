import { readFileSync } from 'node:fs';

/**
 * English synonyms from WordNet (see wordnet-synonyms.json and tools/wordnet/build-synonyms.ts, which writes it):
 * the words of a word's first sense in each part of speech, keyed and listed by Footnote's stems
 * (`stemWord`), so that search can offer "cattle" for "cows" or "turn" for "rotate" when the library lacks the
 * word the question uses. About 30,000 words; read on first use (about 1 MB), so start-up does not pay for it.
 */
let table: Readonly<Record<string, readonly string[]>> | undefined;

function loadTable(): Readonly<Record<string, readonly string[]>> {
  const file = new URL('./wordnet-synonyms.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { synonyms: Record<string, string[]> }).synonyms;
}

/** The stems of the synonyms of the word whose stem is `stem`; none for a word WordNet does not hold. */
export function wordnetSynonyms(stem: string): readonly string[] {
  table ??= loadTable();
  return Object.hasOwn(table, stem) ? table[stem]! : [];
}
