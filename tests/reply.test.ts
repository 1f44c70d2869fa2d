import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Citation, citePassage, linkToQuote } from '../src/core/citation.js';
import { applyHighlights, formatCitation, isQuotation, truncate } from '../src/core/format.js';
import { parseArticle } from '../src/core/knowledge/load.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { previewHit } from '../src/core/preview.js';
import { type AnswerReply, type ListReply, answerQuestion, buildAnswer } from '../src/core/reply.js';
import { SearchIndex } from '../src/core/search/search-index.js';
import { PassageCatalog } from '../src/core/knowledge-base.js';
import type { Article } from '../src/core/types.js';
import { renderTerminal } from '../src/console/render.js';
import { LIMITS } from '../src/discord/limits.js';

const MAX_CHOICE_LENGTH = LIMITS.choiceName;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_QUESTIONS = path.resolve(REPO, '../shared/eval/questions.dev.json');

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
});

const ARTICLE_URL = 'https://example.org/belarus-balancing-act';

const citation3: Citation = {
  articleSlug: 'belarus-balancing-act-with-china',
  title: 'Belarus’ Balancing Act with China',
  author: 'Nikola Mikovic',
  section: 'Chinese Interest in Belarus',
  paragraph: 3,
  passageId: 'belarus-balancing-act-with-china#3',
  url: `${ARTICLE_URL}#:~:text=In%2030%20years%20of,around%20%242.6%20billion.`,
};
const citation2: Citation = {
  articleSlug: 'belarus-balancing-act-with-china',
  title: 'Belarus’ Balancing Act with China',
  author: 'Nikola Mikovic',
  paragraph: 2,
  passageId: 'belarus-balancing-act-with-china#2',
};

const excerpt3 =
  'In 30 years of diplomatic relations between the two countries, the total volume of investments from China into the Belarusian economy has amounted to around $2.6 billion.';
const excerpt2 =
  'In 2016, the two nations established a comprehensive strategic partnership, although to this day the volume of Chinese investment in Belarus remains modest.';

/** Spans of `words` in `text`, first occurrence of each. */
function spans(text: string, ...words: string[]): { start: number; end: number }[] {
  return words.map((word) => {
    const start = text.indexOf(word);
    if (start < 0) throw new Error(`"${word}" is not in the text`);
    return { start, end: start + word.length };
  });
}

describe('renderTerminal (color off), golden text', () => {
  it('draws an answer: the quote with its marks, the citation, the link, then the further results', () => {
    const reply: AnswerReply = {
      kind: 'answer',
      query: 'how much has China invested in Belarus?',
      status: 'answer',
      articles: [],
      results: [
        {
          citation: citation3,
          excerpt: { text: excerpt3, highlights: spans(excerpt3, 'investments', 'China', '$2.6 billion') },
          range: { start: 0, end: excerpt3.length },
          score: 4.8,
          coverage: 1,
          confidence: 'high',
        },
        {
          citation: citation2,
          excerpt: { text: excerpt2, highlights: spans(excerpt2, 'Chinese', 'investment') },
          range: { start: 0, end: excerpt2.length },
          score: 3.1,
          coverage: 0.6,
          confidence: 'medium',
        },
      ],
    };
    expect(renderTerminal(reply, { color: false })).toBe(
      [
        '  “In 30 years of diplomatic relations between the two countries, the total volume of *investments* from *China* into the Belarusian economy has amounted to around *$2.6 billion*.”',
        '    — Belarus’ Balancing Act with China · Nikola Mikovic · Chinese Interest in Belarus · ¶3 (strong match)',
        `    ${ARTICLE_URL}#:~:text=In%2030%20years%20of,around%20%242.6%20billion.`,
        '',
        '*More results*',
        '2.',
        '  “In 2016, the two nations established a comprehensive strategic partnership, although to this day the volume of *Chinese investment* in Belarus remains modest.”',
        '    — Belarus’ Balancing Act with China · Nikola Mikovic · ¶2 (partial match)',
      ].join('\n'),
    );
  });

  it('draws a no-match: the question, then the articles the library holds', () => {
    const reply = buildAnswer(kb, { kind: 'no-match', query: 'what is the capital of France' });
    expect(renderTerminal(reply)).toBe(
      [
        'The knowledge base does not cover "what is the capital of France". These are the articles it holds:',
        '  • Belarus’ Balancing Act with China — Nikola Mikovic (18 passages)',
      ].join('\n'),
    );
  });

  it('draws a weak answer: a warning that it is not answered directly, then the nearest passage', () => {
    const reply: AnswerReply = {
      kind: 'answer',
      query: 'what does China export to Belarus',
      status: 'weak',
      articles: [],
      results: [
        {
          citation: citation2,
          excerpt: { text: excerpt2, highlights: spans(excerpt2, 'Belarus') },
          range: { start: 0, end: excerpt2.length },
          score: 0.4,
          coverage: 0.3,
          confidence: 'low',
        },
      ],
    };
    expect(renderTerminal(reply, { color: false })).toBe(
      [
        'The knowledge base does not answer "what does China export to Belarus" directly. The nearest passages:',
        '  “In 2016, the two nations established a comprehensive strategic partnership, although to this day the volume of Chinese investment in *Belarus* remains modest.”',
        '    — Belarus’ Balancing Act with China · Nikola Mikovic · ¶2 (weak match)',
      ].join('\n'),
    );
  });

  it('draws a list’s passages after its items with their citations and no confidence label, as Discord does', () => {
    const reply: ListReply = {
      kind: 'list',
      title: 'Investment: figures and passages',
      items: [
        {
          label: '$2.6 billion',
          text: { text: excerpt3, highlights: spans(excerpt3, '$2.6 billion') },
          citation: citation3,
        },
      ],
      emptyText: 'none',
      results: [
        {
          citation: citation2,
          excerpt: { text: excerpt2, highlights: spans(excerpt2, 'investment') },
          range: { start: 0, end: excerpt2.length },
          score: 0.4,
          coverage: 0.3,
          confidence: 'low',
        },
      ],
    };
    expect(renderTerminal(reply, { color: false }).split('\n').slice(-3)).toEqual([
      '',
      '  “In 2016, the two nations established a comprehensive strategic partnership, although to this day the volume of Chinese *investment* in Belarus remains modest.”',
      '    — Belarus’ Balancing Act with China · Nikola Mikovic · ¶2',
    ]);
  });

  it('draws an empty question as the hint to ask one', () => {
    expect(renderTerminal(buildAnswer(kb, { kind: 'empty', query: '  ' }))).toBe(
      'Ask a question, for example: how much has China invested in Belarus?',
    );
  });

  it('keeps a lead-in and its quotation as two indented lines of one quote', () => {
    const passage = kb.passage('belarus-balancing-act-with-china#11')!;
    const reply: AnswerReply = {
      kind: 'answer',
      query: 'glorified',
      status: 'answer',
      articles: [],
      results: [
        {
          citation: citePassage(kb.articleOf(passage), passage),
          excerpt: { text: 'economic policy,\n\nYou have created', highlights: [] },
          range: { start: 0, end: 'economic policy,\n\nYou have created'.length },
          score: 1,
          coverage: 1,
          confidence: 'high',
        },
      ],
    };
    expect(renderTerminal(reply).split('\n').slice(0, 3)).toEqual(['  “economic policy,', '  ', '  You have created”']);
  });

  it('shows an excerpt that opens and closes with quotation marks in its own marks, not doubled', () => {
    const passage = kb.articles.flatMap((a) => a.passages).find((p) => p.text.startsWith('“Let’s sit down'))!;
    const reply: AnswerReply = {
      kind: 'answer',
      query: 'negotiating table',
      status: 'answer',
      articles: [],
      results: [
        {
          citation: citePassage(kb.articleOf(passage), passage),
          excerpt: { text: passage.text, highlights: spans(passage.text, 'negotiating table') },
          range: { start: 0, end: passage.text.length },
          score: 1,
          coverage: 1,
          confidence: 'high',
        },
      ],
    };
    const [line] = renderTerminal(reply, { color: false }).split('\n');
    expect(line).toMatch(
      /^ {2}“Let’s sit down at the \*negotiating table\* and end this brawl,” he said .* need it\.”$/,
    );
  });

  it.each([
    ['“Let’s sit down,” he said, “now.”', true],
    ['"Plain quotes"', true],
    ['‘Single,’ she said.’', true],
    ['“British style”.', true],
    ['He said “now.”', false],
    ['“Now,” he said', false],
    ['No quotation at all.', false],
    ['', false],
  ])('tells whether %j is a quotation already: %s', (text, expected) => {
    expect(isQuotation(text)).toBe(expected);
  });

  it('uses ANSI bold and dim only when color is on', () => {
    const reply = answerQuestion(kb, 'how much has China invested in Belarus?');
    const plain = renderTerminal(reply, { color: false });
    const colored = renderTerminal(reply, { color: true });
    expect(plain).not.toContain('\x1b[');
    expect(colored).toContain('\x1b[1m');
    expect(colored).toContain('\x1b[2m');
    expect(colored.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(plain.replace(/\*/g, ''));
  });
});

describe('linkToQuote', () => {
  it.each([
    [
      'a short quote whole',
      'https://example.org/a',
      'Belarus remains modest',
      'https://example.org/a#:~:text=Belarus%20remains%20modest',
    ],
    [
      '"-" escaped',
      'https://example.org/a',
      'Russian-led Collective',
      'https://example.org/a#:~:text=Russian%2Dled%20Collective',
    ],
    [
      '"," escaped',
      'https://example.org/a',
      'Kazakhstan, Belarus',
      'https://example.org/a#:~:text=Kazakhstan%2C%20Belarus',
    ],
    [
      '"&" escaped',
      'https://example.org/a',
      'Trade & Investment',
      'https://example.org/a#:~:text=Trade%20%26%20Investment',
    ],
    [
      'curly quotes percent-encoded',
      'https://example.org/a',
      '“unbreakable”',
      'https://example.org/a#:~:text=%E2%80%9Cunbreakable%E2%80%9D',
    ],
    ['an old fragment replaced', 'https://example.org/a#section-2', 'modest', 'https://example.org/a#:~:text=modest'],
    [
      'white space collapsed',
      'https://example.org/a',
      '  policy,\n\nYou  have ',
      'https://example.org/a#:~:text=policy%2C%20You%20have',
    ],
    [
      'a long quote named by its first and last four words',
      'https://example.org/a',
      'In 2016, the two nations established a comprehensive strategic partnership, although to this day',
      'https://example.org/a#:~:text=In%202016%2C%20the%20two,although%20to%20this%20day',
    ],
    ['an empty quote gives the bare address', 'https://example.org/a#x', '   ', 'https://example.org/a'],
  ])('%s', (_name, url, quote, expected) => {
    expect(linkToQuote(url, quote)).toBe(expected);
  });

  it('never leaves a raw "-", "," or "&" inside a directive part (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (quote) => {
        const link = linkToQuote('https://example.org/a', quote);
        const directive = link.split('#:~:text=')[1];
        if (directive === undefined) return;
        const parts = directive.split(',');
        expect(parts.length).toBeLessThanOrEqual(2);
        for (const part of parts) expect(part).not.toMatch(/[-,&\s]/);
      }),
    );
  });
});

describe('citePassage', () => {
  let withUrl: Article;
  beforeAll(() => {
    const source = readFileSync(path.join(REPO, 'knowledge/belarus-balancing-act-with-china.md'), 'utf8').replace(
      'author: Nikola Mikovic',
      `author: Nikola Mikovic\nurl: ${ARTICLE_URL}`,
    );
    withUrl = parseArticle('belarus-balancing-act-with-china.md', source).article!;
  });

  it('cites title, author, section, paragraph and passage id, with a link that highlights the quote', () => {
    const passage = withUrl.passages[2]!;
    expect(citePassage(withUrl, passage, 'around $2.6 billion')).toEqual({
      articleSlug: 'belarus-balancing-act-with-china',
      title: 'Belarus’ Balancing Act with China',
      author: 'Nikola Mikovic',
      section: 'Chinese Interest in Belarus',
      paragraph: 3,
      passageId: 'belarus-balancing-act-with-china#3',
      url: `${ARTICLE_URL}#:~:text=around%20%242.6%20billion`,
    });
  });

  it('quotes the first sentence by default, and leaves out section and url when there are none', () => {
    const article = kb.article('belarus-balancing-act-with-china')!;
    const citation = citePassage(article, article.passages[0]!);
    expect(citation).not.toHaveProperty('url');
    expect(citation).not.toHaveProperty('section');
    expect(formatCitation(citation)).toBe('Belarus’ Balancing Act with China · Nikola Mikovic · ¶1');
    expect(citePassage(withUrl, withUrl.passages[0]!).url).toBe(
      `${ARTICLE_URL}#:~:text=Despite%20being%20in%20Russia%E2%80%99s,military%20connections%20with%20China.`,
    );
  });

  it('links only the first line of a quote that spans the lead-in and its quotation', () => {
    const passage = withUrl.passages[10]!;
    const url = citePassage(
      withUrl,
      passage,
      'Beijing’s economic policy,\n\nYou have created your own global navigation system.',
    ).url!;
    expect(url).toBe(`${ARTICLE_URL}#:~:text=Beijing%E2%80%99s%20economic%20policy%2C`);
  });
});

describe('applyHighlights', () => {
  const mark = (s: string): string => `[${s}]`;
  const escapeMd = (s: string): string => s.replace(/[*_~`\\]/g, '\\$&');

  it.each([
    ['one word', 'met Xi Jinping twice', ['Xi'], 'met [Xi] Jinping twice'],
    ['adjacent words merged into one mark', 'met Xi Jinping twice', ['Xi', 'Jinping'], 'met [Xi Jinping] twice'],
    ['three adjacent words merged', 'the Belt and Road plan', ['Belt', 'and', 'Road'], 'the [Belt and Road] plan'],
    ['words apart stay apart', 'Xi and then Jinping', ['Xi', 'Jinping'], '[Xi] and then [Jinping]'],
    ['no highlights, text unchanged', 'plain text', [], 'plain text'],
  ])('%s', (_name, text, words, expected) => {
    expect(applyHighlights({ text, highlights: spans(text, ...words) }, mark)).toBe(expected);
  });

  it('merges adjacent words even when the spans come unsorted', () => {
    const text = 'met Xi Jinping twice';
    expect(applyHighlights({ text, highlights: spans(text, 'Jinping', 'Xi') }, mark)).toBe('met [Xi Jinping] twice');
  });

  it('escapes the text inside and outside the marks', () => {
    const text = '2*3 is *six_times* or `more`';
    expect(applyHighlights({ text, highlights: spans(text, 'six_times') }, (s) => `**${s}**`, escapeMd)).toBe(
      '2\\*3 is \\***six\\_times**\\* or \\`more\\`',
    );
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['one two three four five', 15, 'one two three…'],
    ['hello wonderful world', 12, 'hello wonde…'],
    ['abc', 1, 'a'],
    ['abc', 0, ''],
  ])('truncate(%j, %i) → %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('never exceeds the limit and keeps a prefix of the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 0, max: 320 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) expect(out).toBe(text);
        else if (max > 1) {
          expect(out.endsWith('…')).toBe(true);
          expect(text.startsWith(out.slice(0, -1))).toBe(true);
        }
      }),
    );
  });

  // BUG (src/core/format.ts, truncate): it cuts by UTF-16 code unit, so a cut inside an emoji or any astral character
  // leaves a lone surrogate ("😀\ud83d…"), which Discord shows as � or rejects in a choice name.
  it('does not split a surrogate pair', () => {
    expect(truncate('😀😀😀😀', 4)).not.toMatch(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
  });
});

describe('formatCitation', () => {
  it.each([
    [citation3, {}, 'Belarus’ Balancing Act with China · Nikola Mikovic · Chinese Interest in Belarus · ¶3'],
    [citation3, { title: false }, 'Nikola Mikovic · Chinese Interest in Belarus · ¶3'],
    [{ articleSlug: 'x', title: 'Untitled', paragraph: 7, passageId: 'x#7' }, {}, 'Untitled · ¶7'],
  ] as const)('%#: %j', (citation, options, expected) => {
    expect(formatCitation(citation, options)).toBe(expected);
  });
});

describe('previewHit (autocomplete choice)', () => {
  const questionFiles = [
    path.join(REPO, 'tests/questions.json'),
    ...(existsSync(SHARED_QUESTIONS) ? [SHARED_QUESTIONS] : []),
  ];

  it('stays within 100 characters and shows the first matched word, for every hit of every eval question', () => {
    const queries = questionFiles.flatMap((file) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { q: string }[]).map((e) => e.q),
    );
    let checked = 0;
    for (const query of queries) {
      const outcome = kb.index.search(query, { prefixLast: true, rerank: false, limit: 10 });
      if (outcome.kind !== 'answer' && outcome.kind !== 'weak') continue;
      for (const hit of outcome.hits) {
        const preview = previewHit(hit, MAX_CHOICE_LENGTH);
        expect(preview.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
        const first = hit.excerpt.highlights[0];
        if (first) expect(preview).toContain(hit.excerpt.text.slice(first.start, first.end));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('starts with the article and section, and quotes the words around the match', () => {
    const outcome = kb.index.search('telescope');
    if (outcome.kind !== 'answer') throw new Error(outcome.kind);
    const preview = previewHit(outcome.hits[0]!, MAX_CHOICE_LENGTH);
    expect(preview).toMatch(/^Belarus’ Balancing Act with… › Lukashenko’s Russian… › “.*telescope.*”$/);
  });

  it('stays within 100 characters with a very long title, section and word', () => {
    const long = 'Extraordinarily '.repeat(12).trim();
    const source = `---\ntitle: ${long}\n---\n\n## ${long}\n\n${'Preamble words go here. '.repeat(20)}The ${'x'.repeat(150)} zeppelin landed.\n`;
    const article = parseArticle('long.md', source).article!;
    const outcome = new SearchIndex(new PassageCatalog([article])).search('zeppelin');
    if (outcome.kind !== 'answer') throw new Error(outcome.kind);
    const preview = previewHit(outcome.hits[0]!, MAX_CHOICE_LENGTH);
    expect(preview.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
    expect(preview).toContain('zeppelin');
  });
});
