import { passageOf } from '../../src/core/knowledge/blocks.js';
import { STOPWORDS } from '../../src/core/stopwords.js';
import type { Article, Passage } from '../../src/core/types.js';
import { type Random, createRandom, createWeightedPicker, deriveSeed, zipfWeights } from './random.js';

/**
 * Synthetic libraries for the benchmark, built as `Article` objects so that every engine indexes exactly what it
 * would index in production. The real articles (the "seed") are planted whole among the synthetic ones, with their
 * own slugs, so that the quality of search can be measured at any size: a question about the seed must still find
 * its passage among 100,000 others.
 *
 * Two shapes:
 * - `mixed`: a library of many topics. Topic vocabularies are pseudo-words made from syllables; each passage draws
 *   from one or two topics plus common English. One topic is the seed's own vocabulary, drawn by a few percent of
 *   the passages, so a question's key words occur in a few percent of the library, as in a real one.
 * - `dense`: every passage stitched from fragments of the seed's sentences. The worst case for an inverted index:
 *   `belarus` is in nearly every passage, and every rare word of the seed is in thousands.
 */

export type CorpusShape = 'mixed' | 'dense';
export const CORPUS_SHAPES: readonly CorpusShape[] = ['mixed', 'dense'];

/** Words per synthetic passage, and passages per synthetic article. */
export const PASSAGE_WORDS = Object.freeze({ min: 80, max: 120 });
export const ARTICLE_PASSAGES = Object.freeze({ min: 50, max: 500 });

/** Tuning of the `mixed` shape. */
const MIXED = Object.freeze({
  /** One topic per this many passages (at least `minTopics`): a larger library covers more subjects. */
  passagesPerTopic: 400,
  minTopics: 12,
  wordsPerTopic: 250,
  /** Share of passages that draw on the seed's vocabulary: "a few percent". */
  seedTopicShare: 0.03,
  /** Share of passages that mix a second topic in. */
  secondTopicShare: 0.5,
  /** Of each word: a function word, a common English word, or else a topic word. */
  functionWordShare: 0.38,
  englishWordShare: 0.2,
  /** Chance that a passage names someone or something no other passage names: the long tail of a vocabulary. */
  uniqueNameShare: 0.6,
});

/** Everyday English content words: what any article uses whatever its subject. */
const COMMON_ENGLISH = `
year years time people way day man woman child children world life hand part place case week company system program
question work government number night point home water room mother area money story fact month lot right study book
eye job word business issue side kind head house service friend father power hour game line end member law car city
community name president team minute idea kid body information back parent face others level office door health
person art war history party result change morning reason research girl guy moment air teacher force education foot
boy age policy process music market sense nation plan college interest death experience effect use class control care
field development role effort rate heart drug show leader light voice wife police mind price report decision son view
relationship town road arm difference value building action model season society tax director position player record
paper space ground form event official matter center couple site project activity star table need court oil situation
cost industry figure street image phase term production stage economy trade growth support region country state
agreement meeting talks visit plan strategy partner relations security influence pressure conflict crisis future
example century period evidence theory range practice sign bank network budget summer winter spring autumn river
north south east west large small new old good high great important public national local political economic social
major military international private early late recent strong clear possible available likely free full special
easy hard real whole human current general certain personal open final main simple common serious ready poor
provide include continue set learn lead understand watch follow stop create speak read allow add spend grow offer
remember consider appear buy wait serve send expect build stay fall reach remain suggest raise pass sell require
decide develop carry agree support hold bring begin seem help turn start move play run live believe happen
`
  .split(/\s+/)
  .filter(Boolean);

const FUNCTION_WORDS = [...STOPWORDS].filter(
  (w) =>
    w.length > 1 &&
    ![
      'didn',
      'doesn',
      'isn',
      'aren',
      'wasn',
      'weren',
      'hadn',
      'hasn',
      'haven',
      'couldn',
      'shouldn',
      'wouldn',
      'mustn',
      'shan',
      'won',
      'don',
      'll',
      're',
      've',
    ].includes(w),
);

const ONSETS = [
  'b',
  'c',
  'd',
  'f',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'z',
  'br',
  'tr',
  'st',
  'ch',
  'sh',
  'kr',
  'pl',
  'gr',
  'dr',
  'fl',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ou', 'ea', 'io'];
const CODAS = ['', '', '', '', '', 'n', 'r', 's', 'l', 'm', 'k', 'th', 'nd', 'st'];

function pseudoWord(random: Random, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i++) word += random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
  return word;
}

/** A word made of syllables that no other call has returned. */
function uniquePseudoWord(random: Random, used: Set<string>, minSyllables: number, maxSyllables: number): string {
  for (;;) {
    const word = pseudoWord(random, random.int(minSyllables, maxSyllables));
    if (!used.has(word)) {
      used.add(word);
      return word;
    }
  }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Words of the seed with how often each occurs, function words left out: the seed topic of the `mixed` shape. */
function seedVocabulary(seed: readonly Article[]): { words: string[]; counts: number[] } {
  const counts = new Map<string, number>();
  for (const article of seed) {
    for (const passage of article.passages) {
      for (const [word] of passage.text.matchAll(/\p{L}[\p{L}\p{M}\p{N}]*/gu)) {
        if (STOPWORDS.has(word.toLowerCase()) || word.length < 2) continue;
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { words: sorted.map(([w]) => w), counts: sorted.map(([, c]) => c) };
}

/** The seed's sentences as lists of words, punctuation attached as printed: the material of the `dense` shape. */
function seedSentences(seed: readonly Article[]): string[][] {
  return seed
    .flatMap((article) =>
      article.passages.flatMap((p) =>
        p.sentences.map((s) =>
          s.text
            .split(/\s+/)
            .filter((w) => /[\p{L}\p{N}]/u.test(w))
            .map((w) => w.replace(/[.!?]+$/, '')),
        ),
      ),
    )
    .filter((words) => words.length >= 2);
}

/** Writes words as a sentence: capital first letter, and a full stop in place of whatever ended the last word. */
function sentenceOf(words: readonly string[]): string {
  const last = words.length - 1;
  let text = '';
  for (let i = 0; i < last; i++) text += `${words[i]} `;
  text += (words[last] ?? '').replace(/[^\p{L}\p{N}%]+$/u, '');
  return `${capitalize(text)}.`;
}

interface TextSource {
  /** Words of one sentence of the passage under construction (between 6 and 20). */
  sentence(random: Random): string[];
  /** Starts a new passage: picks its topics. */
  beginPassage(random: Random): void;
  heading(random: Random): string;
  title(random: Random, index: number): string;
}

function createMixedSource(seed: readonly Article[], passages: number, random: Random): TextSource {
  const used = new Set<string>();
  const topicCount = Math.max(MIXED.minTopics, Math.round(passages / MIXED.passagesPerTopic));
  const topicWeights = zipfWeights(MIXED.wordsPerTopic);
  const topics = Array.from({ length: topicCount }, () => {
    const words = Array.from({ length: MIXED.wordsPerTopic }, () => uniquePseudoWord(random, used, 2, 3));
    return createWeightedPicker(words, topicWeights);
  });
  const seedWords = seedVocabulary(seed);
  const seedTopic = seedWords.words.length > 0 ? createWeightedPicker(seedWords.words, seedWords.counts) : undefined;
  const englishPicker = createWeightedPicker(COMMON_ENGLISH, zipfWeights(COMMON_ENGLISH.length, 0.7));
  const functionPicker = createWeightedPicker(FUNCTION_WORDS, zipfWeights(FUNCTION_WORDS.length, 0.8));

  let primary = topics[0]!;
  let secondary: typeof primary | undefined;
  let name: string | undefined;
  return {
    beginPassage(r) {
      primary = seedTopic && r.chance(MIXED.seedTopicShare) ? seedTopic : r.pick(topics);
      secondary = r.chance(MIXED.secondTopicShare) ? r.pick(topics) : undefined;
      name = r.chance(MIXED.uniqueNameShare) ? capitalize(uniquePseudoWord(r, used, 2, 4)) : undefined;
    },
    sentence(r) {
      const words: string[] = [];
      const length = r.int(8, 18);
      for (let i = 0; i < length; i++) {
        const roll = r.next();
        if (roll < MIXED.functionWordShare) words.push(functionPicker(r));
        else if (roll < MIXED.functionWordShare + MIXED.englishWordShare) words.push(englishPicker(r));
        else if (name !== undefined && r.chance(0.03)) words.push(name);
        else if (r.chance(0.015)) words.push(String(r.int(1950, 2030)));
        else words.push((secondary && r.chance(0.3) ? secondary : primary)(r));
        if (i > 2 && i < length - 2 && r.chance(0.06)) words[words.length - 1] += ',';
      }
      return words;
    },
    heading: (r) =>
      Array.from({ length: r.int(2, 5) }, () => capitalize(r.chance(0.5) ? englishPicker(r) : primary(r))).join(' '),
    title: (r, index) => `${capitalize(primary(r))} and ${primary(r)}: ${capitalize(englishPicker(r))} ${index}`,
  };
}

function createDenseSource(seed: readonly Article[]): TextSource {
  const sentences = seedSentences(seed);
  if (sentences.length === 0) throw new RangeError('the dense shape needs at least one seed sentence');
  // A fragment of 2 to 7 words from a random seed sentence: short enough that no distractor repeats a whole
  // seed sentence (which would make the planted passage indistinguishable), long enough to keep its phrases.
  const fragment = (r: Random): string[] => {
    const words = r.pick(sentences);
    const length = Math.min(words.length, r.int(2, 7));
    const start = r.int(0, words.length - length);
    return words.slice(start, start + length);
  };
  const phrase = (r: Random, min: number, max: number): string =>
    fragment(r)
      .concat(fragment(r))
      .slice(0, r.int(min, max))
      .map((w) => capitalize(w.replace(/[^\p{L}\p{N}-]/gu, '')))
      .filter(Boolean)
      .join(' ');
  return {
    beginPassage() {},
    sentence(r) {
      const words: string[] = [];
      const length = r.int(8, 20);
      while (words.length < length) words.push(...fragment(r));
      return words.slice(0, length);
    },
    heading: (r) => phrase(r, 2, 5),
    title: (r, index) => `${phrase(r, 3, 6)} ${index}`,
  };
}

/** A passage of `PASSAGE_WORDS.min` to `.max` words, as whole sentences (the last one cut short if need be). */
function passageText(source: TextSource, random: Random): string {
  source.beginPassage(random);
  const target = random.int(PASSAGE_WORDS.min, PASSAGE_WORDS.max);
  const sentences: string[][] = [];
  let count = 0;
  while (count < target) {
    const words = source.sentence(random).slice(0, target - count);
    // A one- or two-word tail would read as noise: it lengthens the sentence before it instead.
    const last = sentences[sentences.length - 1];
    if (words.length < 3 && last) last.push(...words);
    else sentences.push(words);
    count += words.length;
  }
  return sentences.map(sentenceOf).join(' ');
}

function syntheticArticle(
  source: TextSource,
  random: Random,
  slug: string,
  index: number,
  passageCount: number,
): Article {
  const passages: Passage[] = [];
  let section: string | undefined;
  let sectionLeft = random.int(2, 6);
  for (let p = 1; p <= passageCount; p++) {
    if (--sectionLeft === 0) {
      section = source.heading(random);
      sectionLeft = random.int(4, 12);
    }
    const text = passageText(source, random);
    passages.push(
      passageOf({
        id: `${slug}#${p}`,
        articleSlug: slug,
        paragraph: p,
        ...(section !== undefined ? { section } : {}),
        text,
        line: 2 * p + 4,
      }),
    );
  }
  return { slug, file: `${slug}.md`, meta: { title: source.title(random, index), aliases: [] }, passages };
}

export interface CorpusOptions {
  /** Passages in all, the planted seed passages included. */
  readonly passages: number;
  readonly shape: CorpusShape;
  /** The real articles to plant; also the material of the `dense` shape and the seed topic of `mixed`. */
  readonly seed: readonly Article[];
  readonly randomSeed?: number;
  /** Called every few thousand passages with how many are done: generating 100,000 takes a while. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Corpus {
  readonly shape: CorpusShape;
  readonly articles: readonly Article[];
  /** Every passage in library order: what fuse.js and MiniSearch index. */
  readonly passages: readonly Passage[];
  /** Ids of the seed passages, which keep the ids they have in the real library. */
  readonly planted: ReadonlySet<string>;
  /** Where each seed article starts, as a passage number in library order (0-based). */
  readonly plantedAt: readonly number[];
}

export const DEFAULT_RANDOM_SEED = 20_240_823;

/**
 * Builds a reproducible library of `passages` passages: synthetic articles of 50 to 500 passages, with the seed
 * articles planted whole at evenly spread places among them. The same options always give the same text.
 */
export function generateCorpus(options: CorpusOptions): Corpus {
  const { shape, seed } = options;
  const random = createRandom(deriveSeed(options.randomSeed ?? DEFAULT_RANDOM_SEED, `${shape}/${options.passages}`));
  const seedPassages = seed.reduce((sum, a) => sum + a.passages.length, 0);
  const synthetic = Math.max(0, options.passages - seedPassages);
  const source = shape === 'mixed' ? createMixedSource(seed, options.passages, random) : createDenseSource(seed);

  // Article lengths first, so the seed articles can be placed evenly among them.
  const lengths: number[] = [];
  for (let left = synthetic; left > 0;) {
    let length = Math.min(left, random.int(ARTICLE_PASSAGES.min, ARTICLE_PASSAGES.max));
    // A last article shorter than the minimum joins the one before it.
    if (left - length > 0 && left - length < ARTICLE_PASSAGES.min) length = left;
    lengths.push(length);
    left -= length;
  }
  const plantAfter = seed.map((_, k) => Math.floor(((k + 0.5) * lengths.length) / seed.length));

  const articles: Article[] = [];
  const plantedAt: number[] = [];
  let done = 0;
  let reported = 0;
  const plant = (k: number): void => {
    plantedAt.push(done);
    articles.push(seed[k]!);
    done += seed[k]!.passages.length;
  };
  lengths.forEach((length, index) => {
    seed.forEach((_, k) => plantAfter[k] === index && plant(k));
    const slug = `bench-${shape}-${String(index + 1).padStart(4, '0')}`;
    articles.push(syntheticArticle(source, random, slug, index + 1, length));
    done += length;
    if (options.onProgress && done - reported >= 5_000) {
      reported = done;
      options.onProgress(done, options.passages);
    }
  });
  seed.forEach((_, k) => plantAfter[k]! >= lengths.length && plant(k));

  const passages = articles.flatMap((a) => a.passages);
  return { shape, articles, passages, planted: new Set(seed.flatMap((a) => a.passages.map((p) => p.id))), plantedAt };
}
