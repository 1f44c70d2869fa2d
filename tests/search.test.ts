import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/knowledge/load.js';
import { KnowledgeBase, PassageCatalog } from '../src/core/knowledge-base.js';
import { answerQuestion } from '../src/core/reply.js';
import { type Confidence, SearchIndex, type SearchOutcome } from '../src/core/search/search-index.js';
import { renderJson } from '../src/json/render.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SLUG = 'belarus-balancing-act-with-china';
const SHARED_QUESTIONS = path.resolve(REPO, '../shared/eval/questions.dev.json');

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
});

function paragraphs(outcome: SearchOutcome): number[] {
  return outcome.kind === 'answer' || outcome.kind === 'weak' ? outcome.hits.map((h) => h.passage.paragraph) : [];
}

describe('search over the seed article', () => {
  // query → paragraph of the top hit, outcome kind, confidence of the top hit.
  it.each<[string, number, 'answer' | 'weak', Confidence]>([
    // natural questions; medium where another passage scores close to the first (confidence.ts): ¶12 and ¶2 also
    // speak of Chinese investment, ¶3 and ¶16 both name the EAEU, Kiev and Xi with Lukashenka appear in several.
    ['how much has China invested in Belarus?', 3, 'answer', 'medium'],
    ['when did Li Qiang visit Belarus?', 6, 'answer', 'high'],
    // "want" is nowhere in the article, so the passage covers only part of the question.
    ['does China want to build a military base in Belarus?', 4, 'answer', 'medium'],
    ['what did Lukashenko say on August 15?', 14, 'answer', 'high'],
    ['how many state-owned enterprises did Belarus offer to Chinese corporations?', 7, 'answer', 'high'],
    ['what sanctions did the United States impose on Belarus?', 9, 'answer', 'high'],
    // keywords
    ['Polonez', 4, 'answer', 'high'],
    ['telescope', 11, 'answer', 'high'],
    ['$2.6 billion', 3, 'answer', 'high'],
    ['China-Europe Railway Express', 5, 'answer', 'high'],
    ['pro-Russian neutrality', 15, 'answer', 'high'],
    // misspellings
    ['polonez rocket sistem', 4, 'answer', 'high'],
    ['teleskope', 11, 'answer', 'high'],
    ['peacemakr', 13, 'answer', 'high'],
    ['sanctons dissidents', 9, 'answer', 'high'],
    // declared synonyms
    ['BRI', 5, 'answer', 'high'],
    ['One Belt One Road', 5, 'answer', 'high'],
    ['EAEU', 16, 'answer', 'medium'],
    ['premier', 6, 'answer', 'high'],
    ['Lukashenka crackdown', 8, 'answer', 'high'],
    ['MLRS', 4, 'answer', 'high'],
    ['Kiev', 14, 'answer', 'medium'],
    ['Xi Jinping Lukashenka', 10, 'answer', 'medium'],
  ])('%j → ¶%i (%s, %s)', (query, paragraph, kind, confidence) => {
    const outcome = kb.index.search(query);
    expect(outcome.kind).toBe(kind);
    if (outcome.kind !== 'answer' && outcome.kind !== 'weak') return;
    expect(outcome.hits[0]!.passage.paragraph).toBe(paragraph);
    expect(outcome.hits[0]!.confidence).toBe(confidence);
    expect(outcome.hits[0]!.article.slug).toBe(SLUG);
  });

  // Ranking miss (src/core/search/search-index.ts + normalize.ts stemming): "meetings" stems to "meet" but the answer
  // says "met" (irregular past), so ¶11 ("meeting with Li") outranks ¶10 ("met with Chinese President Xi Jinping").
  it('answers "Xi Lukashenka meetings" with ¶10, where they met', () => {
    expect(paragraphs(kb.index.search('Xi Lukashenka meetings'))[0]).toBe(10);
  });

  it('answers "lukashenko chinna investmnt" with an investment paragraph, ¶3 ($2.6 billion) among the first three', () => {
    const found = paragraphs(kb.index.search('lukashenko chinna investmnt'));
    expect([2, 3, 12]).toContain(found[0]);
    expect(found.slice(0, 3)).toContain(3);
  });

  it('finds both paragraphs that name the Eurasian union, whichever spelling', () => {
    expect(
      paragraphs(kb.index.search('EAEU'))
        .slice(0, 2)
        .sort((a, b) => a - b),
    ).toEqual([3, 16]);
    expect(
      paragraphs(kb.index.search('Eurasian Economic Union'))
        .slice(0, 2)
        .sort((a, b) => a - b),
    ).toEqual([3, 16]);
  });

  it('highlights the words a synonym stands for: "premier" marks "Prime Minister"', () => {
    const outcome = kb.index.search('premier');
    if (outcome.kind !== 'answer') throw new Error(outcome.kind);
    const { excerpt } = outcome.hits[0]!;
    expect(excerpt.highlights.map((h) => excerpt.text.slice(h.start, h.end))).toEqual(['Prime', 'Minister']);
  });

  it.each(['', '   ', '\t\n', '?!…', '🇧🇾 👍'])('calls %j an empty question', (query) => {
    expect(kb.index.search(query)).toEqual({ kind: 'empty', query });
  });

  it.each(['what is the capital of France', 'football', 'banana bread recipe'])(
    'says %j is not covered (no-match)',
    (query) => {
      expect(kb.index.search(query).kind).toBe('no-match');
    },
  );

  it('says "what is the population of Belarus" is not covered, and offers only weak passages', () => {
    const outcome = kb.index.search('what is the population of Belarus');
    expect(outcome.kind).toBe('weak');
    if (outcome.kind === 'weak') expect(outcome.hits.every((h) => h.confidence === 'low')).toBe(true);
  });

  // Calibrated on the second eval set (confidence.ts): a best passage that covers 30% of the question and scores
  // twice the next one is no longer called "not covered" (that would also say it of right answers), but is
  // labelled low.
  it('labels every passage it offers for "what does China export to Belarus" low', () => {
    const outcome = kb.index.search('what does China export to Belarus');
    if (outcome.kind !== 'answer' && outcome.kind !== 'weak') throw new Error(outcome.kind);
    expect(outcome.hits.every((h) => h.confidence === 'low')).toBe(true);
  });

  it('returns at most `limit` hits, best score first', () => {
    const outcome = kb.index.search('Lukashenko', { limit: 3 });
    if (outcome.kind !== 'answer') throw new Error(outcome.kind);
    expect(outcome.hits).toHaveLength(3);
    const scores = outcome.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds every passage by its id, and nothing by an id no passage has', () => {
    for (const article of kb.articles)
      for (const passage of article.passages) expect(kb.passage(passage.id)).toBe(passage);
    const [article] = kb.articles;
    const slug = article!.slug;
    const last = article!.passages.length;
    for (const id of [
      '',
      '#1',
      slug,
      `${slug}#`,
      `${slug}#0`,
      `${slug}#01`,
      `${slug}#1.0`,
      `${slug}# 1`,
      `${slug}#-1`,
      `${slug}#${last + 1}`,
      'no-such-article#1',
      `${slug}x#1`,
    ]) {
      expect(kb.passage(id), id).toBeUndefined();
    }
  });
  it('numbers the passages in library order, each article’s a range of them', async () => {
    const trams = await loadLibrary(path.join(REPO, 'tests/fixtures/second-article'));
    const catalog = new PassageCatalog([...kb.articles, ...trams.articles]);
    const [seed, tram] = [kb.articles[0]!, trams.articles[0]!];
    expect(catalog.passageRange(seed.slug)).toEqual({ from: 0, to: seed.passages.length });
    expect(catalog.passageRange(tram.slug)).toEqual({
      from: seed.passages.length,
      to: seed.passages.length + tram.passages.length,
    });
    expect(catalog.passages.slice(seed.passages.length)).toEqual(tram.passages);
    expect(catalog.passageRange('no-such-article')).toBeUndefined();
    expect(catalog.articleOf(tram.passages[0]!)).toBe(tram);
  });
});

describe('the article filter', () => {
  let both: SearchIndex;
  beforeAll(async () => {
    const trams = await loadLibrary(path.join(REPO, 'tests/fixtures/second-article'));
    both = new SearchIndex(new PassageCatalog([...kb.articles, ...trams.articles]), kb.library.aliases);
  });

  it.each([
    ['tram', undefined, 'answer', ['velden-trams']],
    ['tram', SLUG, 'no-match', []],
    ['investment', 'velden-trams', 'answer', ['velden-trams']],
    ['investment', SLUG, 'answer', [SLUG]],
    ['how much has China invested in Belarus?', SLUG, 'answer', [SLUG]],
    ['BRI', 'no-such-article', 'no-match', []],
  ] as const)('%j in article %j → %s from %j', (query, article, kind, slugs) => {
    const outcome = both.search(query, { limit: 10, ...(article !== undefined ? { article } : {}) });
    expect(outcome.kind).toBe(kind);
    const found =
      outcome.kind === 'answer' || outcome.kind === 'weak' ? [...new Set(outcome.hits.map((h) => h.article.slug))] : [];
    expect(found).toEqual(slugs);
  });

  it('without a filter, ranks the Belarus passage first for a Belarus question in a two-article library', () => {
    const outcome = both.search('how much has China invested in Belarus?');
    if (outcome.kind !== 'answer') throw new Error(outcome.kind);
    expect(outcome.hits[0]!.passage.id).toBe(`${SLUG}#3`);
  });
});

describe('prefixLast (autocomplete)', () => {
  it.each([
    ['kaz', 3, 'no-match'],
    ['xi jin', 10, 'weak'],
    ['telesc', 11, 'answer'],
    ['polo', 4, 'answer'],
    ['china europe rail', 5, 'answer'],
  ] as const)('%j as typed so far → ¶%i; as a whole word → %s', (typed, paragraph, wholeKind) => {
    const typing = kb.index.search(typed, { prefixLast: true, rerank: false });
    expect(typing.kind).toBe('answer');
    expect(paragraphs(typing)[0]).toBe(paragraph);
    expect(kb.index.search(typed).kind).toBe(wholeKind);
  });

  it('scores a completed prefix above the same word read as a whole word', () => {
    const typing = kb.index.search('telesc', { prefixLast: true });
    const whole = kb.index.search('telesc');
    if (typing.kind !== 'answer' || whole.kind !== 'answer') throw new Error('expected answers');
    expect(typing.hits[0]!.coverage).toBeGreaterThan(whole.hits[0]!.coverage);
  });
});

describe('search invariants', () => {
  const fixedQueries = [
    '(a+)+$',
    '.*.*.*.*.*.*=',
    '[[[[',
    '\\',
    '$^|?*+()[]{}',
    '🇧🇾😀👍🏽 China',
    'ما هي الاستثمارات الصينية في بيلاروسيا',
    'מה השקיעה סין',
    'luka\u200bshenko\u200d invest\u200cment\ufeff',
    'Лукашенко Китай',
    'lukashenko china investment '.repeat(215).slice(0, 6000),
    'a '.repeat(3000),
    '2.6 1,000,000 $1 '.repeat(353).slice(0, 6000),
    'co-developed all-weather state-owned '.repeat(162).slice(0, 6000),
    '\u0000\u0001\u0002 china',
    'A\u0301\u0302\u0303 CHINA',
    'ＣＨＩＮＡ　ＢＥＬＡＲＵＳ',
    '\ud800 lone surrogate china',
  ];
  const questionFiles = [
    path.join(REPO, 'tests/questions.json'),
    ...(existsSync(SHARED_QUESTIONS) ? [SHARED_QUESTIONS] : []),
  ];
  const fileQueries = questionFiles.flatMap((file) =>
    (JSON.parse(readFileSync(file, 'utf8')) as { q: string }[]).map((e) => e.q),
  );

  function checkQuery(query: string, prefixLast: boolean, boundMs: number): void {
    const started = performance.now();
    const outcome = kb.index.search(query, { prefixLast, limit: 10 });
    const elapsed = performance.now() - started;
    expect(elapsed, `"${query.slice(0, 40)}…" (${query.length} chars) took ${Math.round(elapsed)} ms`).toBeLessThan(
      boundMs,
    );
    expect(outcome.query).toBe(query);
    if (outcome.kind !== 'answer' && outcome.kind !== 'weak') return;
    expect(outcome.hits.length).toBeGreaterThan(0);
    for (const hit of outcome.hits) {
      const { excerpt, passage } = hit;
      expect(excerpt.text).toBe(passage.text.slice(excerpt.start, excerpt.end));
      expect(excerpt.text.length).toBeGreaterThan(0);
      expect(hit.coverage).toBeGreaterThanOrEqual(0);
      expect(hit.coverage).toBeLessThanOrEqual(1);
      expect(Number.isFinite(hit.score)).toBe(true);
      for (const h of excerpt.highlights) {
        expect(h.start).toBeGreaterThanOrEqual(0);
        expect(h.end).toBeGreaterThan(h.start);
        expect(h.end).toBeLessThanOrEqual(excerpt.text.length);
      }
    }
  }

  it('holds for every question of the eval files, as typed and as autocomplete', () => {
    expect(fileQueries.length).toBeGreaterThan(30);
    for (const query of fileQueries) for (const prefixLast of [false, true]) checkQuery(query, prefixLast, 1_000);
  });

  it('holds for hostile inputs: regex metacharacters, emoji, RTL, zero-width, control characters, 6,000 characters', () => {
    for (const query of fixedQueries) for (const prefixLast of [false, true]) checkQuery(query, prefixLast, 10_000);
  });

  it('holds for generated strings (fast-check)', () => {
    const vocabulary = [
      'China',
      'Belarus',
      'Lukashenko',
      'Xi',
      'BRI',
      'EAEU',
      'investment',
      'the',
      '(a+)+$',
      '$2.6',
      '–',
      '’s',
      '😀',
      'بيلاروسيا',
      '\u200b',
      '-',
    ];
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    const query = fc.oneof(
      fc.array(word, { maxLength: 12 }).map((words) => words.join(' ')),
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(
      fc.property(query, fc.boolean(), (q, prefixLast) => {
        checkQuery(q, prefixLast, 1_000);
      }),
      { numRuns: 400 },
    );
  });

  // Once a real bug: the two-edit typo lookup is cubic in the word's length; words longer than any vocabulary word skip it.
  it('answers a question that is one 1,000-character word quickly', () => {
    const word = Array.from({ length: 1_000 }, (_, i) => String.fromCharCode(97 + ((i * 7_919) % 26))).join('');
    checkQuery(word, false, 250);
  });
});

describe('the JSON of an answer (npm run ask -- --json)', () => {
  const QUESTION = 'how much has China invested in Belarus?';
  const resultShape = {
    article: SLUG,
    title: 'Belarus’ Balancing Act with China',
    author: 'Nikola Mikovic',
    section: expect.any(String),
    paragraph: expect.any(Number),
    passageId: expect.stringMatching(/^belarus-balancing-act-with-china#\d+$/),
    text: expect.any(String),
    excerpt: expect.any(String),
    score: expect.any(Number),
    confidence: expect.stringMatching(/^(high|medium|low)$/),
    url: null,
  };

  function checkShape(json: Record<string, unknown>): void {
    expect(json).toMatchObject({ query: QUESTION, status: 'answer' });
    const results = json.results as Record<string, unknown>[];
    expect(results.length).toBeGreaterThan(0);
    expect(Object.keys(results[0]!).sort()).toEqual(Object.keys(resultShape).sort());
    expect(results[0]).toMatchObject({
      ...resultShape,
      section: 'Chinese Interest in Belarus',
      paragraph: 3,
      passageId: `${SLUG}#3`,
      // ¶12 scores close to ¶3 (both on Chinese investment): medium, see the table above.
      confidence: 'medium',
    });
    for (const result of results) {
      expect(result).toMatchObject({ ...resultShape, section: expect.toBeOneOf([expect.any(String), null]) });
      expect(result.text).toBe(kb.passage(String(result.passageId))!.text);
      expect(String(result.text)).toContain(String(result.excerpt));
    }
    expect(String(results[0]!.excerpt)).toContain('$2.6 billion');
  }

  it('renderJson gives { query, results: [{ article, title, author, section, paragraph, passageId, text, excerpt, score, confidence, url }] }', () => {
    checkShape(renderJson(answerQuestion(kb, QUESTION), (id) => kb.passage(id)?.text));
  });

  it('the ask CLI prints the same JSON', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/bin/ask.ts', '--json', QUESTION], {
      cwd: REPO,
      env: {
        ...process.env,
        DISCORD_TOKEN: '',
        DISCORD_CLIENT_ID: '',
        DISCORD_GUILD_ID: '',
        KNOWLEDGE_DIR: 'knowledge',
        LOG_LEVEL: 'warn',
      },
    });
    const json = JSON.parse(stdout) as Record<string, unknown>;
    checkShape(json);
    expect(json).toEqual(renderJson(answerQuestion(kb, QUESTION), (id) => kb.passage(id)?.text));
  });
});
