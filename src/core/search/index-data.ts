import { contentTokens, stemWord } from '../normalize.js';
import { STOPWORDS } from '../stopwords.js';
import { type ForwardIndex, type Postings, type TermVocabulary, invertForward } from './forward-index.js';
import { TypoIndex } from './typo-index.js';

/**
 * The tables of a built index, which every stage of a search reads and none changes: the vocabulary and its typo
 * index, term statistics, the forward index (each passage's terms) and postings (each term's passages). Passages
 * are known by number only; their text is the knowledge base's.
 */
export interface IndexData {
  readonly passageCount: number;
  /** Terms and surface words of the library, with their ids (see forward-index.ts). */
  readonly vocabulary: TermVocabulary;
  /** The vocabulary's surfaces, sorted: the words a prefix begins are a run of it. */
  readonly sortedSurfaces: readonly string[];
  /** Term `t`'s surfaces are `vocabulary.surfaces[termSurfaces[i]]` for `i` from `termSurfaceStart[t]` to `termSurfaceStart[t + 1] - 1`. */
  readonly termSurfaceStart: Uint32Array;
  readonly termSurfaces: Uint32Array;
  /** Stopwords whose stem is a term of the library (through a title, say): passages never intern them. */
  readonly stopwordTerms: ReadonlyMap<string, number>;
  readonly typos: TypoIndex;
  /** Passages that hold each term, and its rarity: `ln(1 + (N − df + 0.5) / (df + 0.5))`. */
  readonly df: Uint32Array;
  readonly idf: Float64Array;
  /** The rarity of a term held by one passage: what a word the library never uses weighs. */
  readonly rareIdf: number;
  readonly forward: ForwardIndex;
  readonly avgLength: number;
  readonly postings: Postings;
  readonly aliases: AliasTable;
}

/** Declared synonyms (aliases.txt, front matter): each group's members, and each member phrase by its first term. */
export interface AliasTable {
  readonly groups: readonly (readonly string[])[];
  /** Longest phrase first, so the longest declared phrase of the query wins. */
  readonly phrasesByFirstTerm: ReadonlyMap<string, readonly AliasPhrase[]>;
}

export interface AliasPhrase {
  readonly terms: readonly string[];
  readonly group: number;
}

/**
 * Parts of an index made before it is put together (see `SearchIndex.build`): the forward index and vocabulary of
 * the library's passages, and, if made already, parts derived from them.
 */
export interface IndexParts {
  readonly forward: ForwardIndex;
  readonly vocabulary: TermVocabulary;
  readonly postings?: Postings;
  /** The vocabulary's surfaces, sorted. */
  readonly sortedSurfaces?: string[];
  /** `typoDeletes(vocabulary.surfaces)`. */
  readonly typoDeletes?: Float64Array;
}

/** The stemmed content words of a phrase: what an alias member is matched by. */
export function termsOf(text: string): string[] {
  return contentTokens(text).map((t) => t.term);
}

/**
 * The term statistics of a larger library an index is searched beside (a server's shelf beside the shared
 * library): how many passages it has, their total length, and how many of them hold a term.
 */
export interface CorpusStatistics {
  readonly passageCount: number;
  readonly totalLength: number;
  dfOf(term: string): number;
}

/**
 * Derives every table from the forward index and vocabulary of `passageCount` passages, and the alias groups.
 * With `corpus`, rarity and mean length are those of this index's passages and the corpus's together, so that its
 * scores and the corpus's are on one scale (a word held by one passage of a ten-passage shelf is not common).
 */
export function createIndexData(
  passageCount: number,
  parts: IndexParts,
  aliases: readonly (readonly string[])[],
  corpus?: CorpusStatistics,
): IndexData {
  const { forward, vocabulary } = parts;
  if (forward.docLength.length !== passageCount)
    throw new RangeError(`a forward index of ${forward.docLength.length} passages was given for ${passageCount}`);
  const termCount = vocabulary.termCount;
  const postings = parts.postings ?? invertForward(forward, termCount);
  if (postings.postDocs.length !== forward.docTerms.length)
    throw new RangeError(`postings of ${postings.postDocs.length} entries were given for ${forward.docTerms.length}`);

  const n = passageCount + (corpus?.passageCount ?? 0);
  const { df } = postings;
  const idf = new Float64Array(termCount);
  for (let id = 0; id < termCount; id++) {
    const held = df[id]! + (corpus?.dfOf(vocabulary.terms[id]!) ?? 0);
    idf[id] = Math.log(1 + (n - held + 0.5) / (held + 0.5));
  }
  const totalLength = forward.docLength.reduce((a, b) => a + b, 0) + (corpus?.totalLength ?? 0);
  const { termSurfaceStart, termSurfaces } = surfacesByTerm(vocabulary);
  return {
    passageCount,
    vocabulary,
    sortedSurfaces: parts.sortedSurfaces ?? [...vocabulary.surfaces].sort(),
    termSurfaceStart,
    termSurfaces,
    stopwordTerms: stopwordTermsOf(vocabulary),
    typos: new TypoIndex(vocabulary.surfaces, vocabulary.surfaceIds, parts.typoDeletes),
    df,
    idf,
    rareIdf: Math.log(1 + (n - 1 + 0.5) / 1.5),
    forward,
    avgLength: n > 0 ? totalLength / n : 1,
    postings,
    aliases: createAliasTable(aliases),
  };
}

/** Each term's surfaces, by a counting sort of the surfaces on their term: what the highlighter looks words up by. */
function surfacesByTerm(vocabulary: TermVocabulary): { termSurfaceStart: Uint32Array; termSurfaces: Uint32Array } {
  const { surfaces, surfaceTerms, termCount } = vocabulary;
  const termSurfaceStart = new Uint32Array(termCount + 1);
  for (const term of surfaceTerms) termSurfaceStart[term + 1]! += 1;
  for (let term = 0; term < termCount; term++) termSurfaceStart[term + 1]! += termSurfaceStart[term]!;
  const nextSurface = termSurfaceStart.slice(0, termCount);
  const termSurfaces = new Uint32Array(surfaces.length);
  surfaceTerms.forEach((term, surface) => {
    termSurfaces[nextSurface[term]!] = surface;
    nextSurface[term]! += 1;
  });
  return { termSurfaceStart, termSurfaces };
}

function stopwordTermsOf(vocabulary: TermVocabulary): ReadonlyMap<string, number> {
  const terms = new Map<string, number>();
  for (const stopword of STOPWORDS) {
    const term = vocabulary.termIds.get(stemWord(stopword));
    if (term !== undefined && !vocabulary.surfaceIds.has(stopword)) terms.set(stopword, term);
  }
  return terms;
}

function createAliasTable(aliases: readonly (readonly string[])[]): AliasTable {
  const groups = aliases.map((group) => [...group]);
  const phrasesByFirstTerm = new Map<string, AliasPhrase[]>();
  groups.forEach((group, index) => {
    for (const member of group) {
      const terms = termsOf(member);
      const first = terms[0];
      if (first === undefined) continue;
      const list = phrasesByFirstTerm.get(first) ?? [];
      list.push({ terms, group: index });
      list.sort((a, b) => b.terms.length - a.terms.length);
      phrasesByFirstTerm.set(first, list);
    }
  });
  return { groups, phrasesByFirstTerm };
}

/**
 * Scratch arrays of a search, kept between searches and all zero between them: one slot per passage for gathering
 * candidates (`select-candidates.ts`), one slot per term for the counts of the passage being scored (`score-bm25.ts`).
 */
export interface SearchScratch {
  readonly partialSums: Float64Array;
  readonly reached: Uint8Array;
  readonly termTf: Float32Array;
}

export function createScratch(data: IndexData): SearchScratch {
  return {
    partialSums: new Float64Array(data.passageCount),
    reached: new Uint8Array(data.passageCount),
    termTf: new Float32Array(data.vocabulary.termCount),
  };
}
