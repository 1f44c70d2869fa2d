/** The values of `SEARCH_DEFAULTS`, before it is frozen. */
const defaults = {
  /** Hits a search returns when the caller names no limit: the answers `/ask` shows. */
  limit: 5,
  /** Unless asked, the last word is a whole word, not one being typed (autocomplete sets `prefixLast`). */
  prefixLast: false,
  /** Unless asked not to (autocomplete), the best candidates are re-ranked by proximity and fuse.js. */
  rerank: true,

  /** BM25 term-frequency saturation and length normalisation: `idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · len / avgLen))`. */
  k1: 1.2,
  b: 0.75,
  /** Weight of a word that occurs in the section heading or article title rather than the paragraph. */
  contextTf: 0.5,
  /** A passage's BM25 sum is multiplied by `coverageFloor + (1 − coverageFloor) · coverage`. */
  coverageFloor: 0.25,

  /** Weight of a match through a declared synonym, a misspelling (0, 1 or 2 edits) or a word prefix. */
  aliasWeight: 0.85,
  fuzzyWeight: Object.freeze([1, 0.8, 0.6]) as readonly number[],
  /** A correctly spelt English word the library lacks is probably not a typo of a library word. */
  realWordFuzzyFactor: 0.35,
  prefixWeight: 0.6,
  /**
   * Weight of a WordNet synonym of a query word the library lacks (lexicon/synonyms.ts): below a typo's or a
   * prefix's, since a word's first sense is a guess at what the asker meant. Measured on the second eval set's
   * tuning half: 0.3 to 0.6 gave the same ranks; off, 2 of its 83 questions fewer first.
   */
  wordnetWeight: 0.4,
  /**
   * Weight of a word of the earlier question that a follow-up ("and in 2023?") is searched with: it narrows the
   * follow-up to what it follows, without outweighing the follow-up's own words.
   */
  contextWeight: 0.5,
  /** Weight of a word the last, unfinished word of an autocomplete query begins. */
  typedPrefixWeight: 0.95,
  /** Shortest word expanded to the words it begins: when typed last in autocomplete, and otherwise. */
  minTypedPrefix: 2,
  minPrefix: 4,
  maxPrefixExpansions: 30,
  maxFuzzyExpansions: 6,

  /**
   * A query word found in more than this share of passages (and in more than `commonFloor` passages) does not
   * pick candidates, only scores them: reading its long posting list would cost more than it tells.
   */
  commonShare: 0.2,
  commonFloor: 5_000,
  /** Candidates scored in full (BM25), then the best of them re-ranked by proximity and fuse.js. */
  fullScoreCandidates: 400,
  rerankCandidates: 30,

  /**
   * Re-ranking multiplies a score by `(1 + proximityWeight · proximity) · (fuseBase + fuseWeight · fuse)`, both
   * factors 0 to 1. Proximity counts neighbouring query words at most `nearWords` apart (full weight when
   * adjacent, `nearBonus` otherwise).
   */
  proximityWeight: 0.3,
  nearWords: 3,
  nearBonus: 0.5,
  fuseBase: 0.85,
  fuseWeight: 0.3,
  /** Query words shorter than this are not matched with fuse.js; longer ones are cut to Bitap's 32 characters. */
  fuseMinWord: 3,
  fuseMaxPattern: 32,
  /**
   * fuse.js's options for re-ranking: a match anywhere in the sentence, with at most a third of the pattern wrong,
   * and at least three characters in a row matched. Results are not sorted: every match is read.
   */
  fuse: Object.freeze({
    keys: ['text'],
    ignoreLocation: true,
    includeScore: true,
    threshold: 0.34,
    minMatchCharLength: 3,
    shouldSort: false,
  }),

  /**
   * fuse.js's options for names (match-names.ts): each typed word anywhere in an article's title, slug and author,
   * at most a third of it wrong. Without the field-length norm a score is the share of wrong characters, so that a
   * long title does not score worse than a short one.
   */
  nameFuse: Object.freeze({
    keys: ['name'],
    ignoreLocation: true,
    includeScore: true,
    ignoreFieldNorm: true,
    threshold: 0.34,
    shouldSort: false,
  }),
  /** What an `article` option names, when it is no title or slug, resolves to the nearest if at most a quarter is wrong. */
  nameResolveScore: 0.25,

  /** An excerpt is 1 to `maxExcerptSentences` sentences; windows covering `excerptShare` of the best one compete. */
  maxExcerptSentences: 3,
  excerptShare: 0.95,

  /**
   * Confidence (confidence.ts), calibrated on the second eval set's tuning half. High: coverage at least
   * `highCoverage` and a score at least `highMargin` times the next passage's (91% right first there, 93% on the
   * held-apart half, 96% on the seed set; coverage alone gave 73%). Medium: coverage at least `mediumCoverage`.
   * "Not covered" (a weak outcome): coverage below `weakCoverage`, or below `closeCoverage` with a score under
   * `weakMargin` times the next one's. On the tuning half that says "not covered" of 1.5% of the questions whose
   * right passage is first (4.5% at coverage < 0.45 alone) and of 24% of the questions the articles do not answer;
   * most of those use the articles' words, and words alone cannot tell them from questions they answer.
   * `weakCoverage` is 0.35, not the 0.2 the tuning half would take: at 0.2 a question the library has nothing on
   * but a word or two ("who won the 1998 World Cup final?" of an article on Belarus) came back as an answer. At 0.35
   * the tuning half says "not covered" of 4.4% of right-first questions (3/68), the seed set of 1/41.
   */
  highCoverage: 0.75,
  highMargin: 4,
  mediumCoverage: 0.5,
  weakCoverage: 0.35,
  weakMargin: 1.4,
  closeCoverage: 0.5,
};

/**
 * The tuning of search in one place: every default and weight a stage reads, each with its formula. Scores are
 * relative; the thresholds are fractions of the query that a passage covers, weighted by how rare each query word
 * is (see docs/DESIGN.md). Frozen, its numbers typed as numbers (not literals), so a caller may pass others.
 */
export const SEARCH_DEFAULTS = Object.freeze(defaults);
