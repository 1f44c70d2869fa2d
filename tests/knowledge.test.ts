import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passageOf } from '../src/core/knowledge/blocks.js';
import {
  type Library,
  loadLibrary,
  MAX_ARTICLE_BYTES,
  parseArticle,
  parseAliases,
  type Problem,
} from '../src/core/knowledge/load.js';
import { parseMarkdown } from '../src/core/knowledge/parse-markdown.js';
import type { Article } from '../src/core/types.js';
import { describeIssue } from '../src/messages.js';

/** Problems as the log and `knowledge:check` word them, so tests read the sentence a host would see. */
const worded = (problems: readonly Problem[]): object[] =>
  problems.map(({ issue, ...rest }) => ({ ...rest, message: describeIssue(issue) }));

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED_FILE = 'belarus-balancing-act-with-china.md';
const SEED_PATH = path.join(REPO, 'knowledge', SEED_FILE);
const SHARED_TXT = path.resolve(REPO, '../shared/articles/belarus-balancing-act-with-china.txt');
const BASIC = path.join(REPO, 'tests/fixtures/knowledge-basic');
const BROKEN = path.join(REPO, 'tests/fixtures/knowledge-broken');

const run = promisify(execFile);

function parsed(file: string, source: string): Article {
  const result = parseArticle(file, source);
  if (!result.article) throw new Error(`${file} did not parse: ${JSON.stringify(result.problems)}`);
  return result.article;
}

/** Collapses runs of white space: a lead-in keeps its source's line break, which differs between .md and .txt. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('the seed article', () => {
  let source: string;
  let article: Article;
  beforeAll(async () => {
    source = await readFile(SEED_PATH, 'utf8');
    article = parsed(SEED_FILE, source);
  });

  it('parses without problems into 18 numbered passages with stable ids', () => {
    expect(parseArticle(SEED_FILE, source).problems).toEqual([]);
    expect(article.slug).toBe('belarus-balancing-act-with-china');
    expect(article.passages.map((p) => p.paragraph)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(article.passages.map((p) => p.id)).toEqual(
      article.passages.map((p) => `belarus-balancing-act-with-china#${p.paragraph}`),
    );
  });

  it('reads the front matter: title, author, month of publication', () => {
    expect(article.meta).toMatchObject({
      title: 'Belarus’ Balancing Act with China',
      author: 'Nikola Mikovic',
      published: '2024-08',
      language: 'en',
    });
  });

  it.each([
    [1, undefined, 'Despite being in Russia’s geopolitical orbit', 10],
    [2, undefined, 'That, however, does not mean', 12],
    [3, 'Chinese Interest in Belarus', 'In 30 years of diplomatic relations', 16],
    [7, 'Chinese Interest in Belarus', 'In 2017, in an attempt', 24],
    [8, 'Lukashenko’s Russian Ties', 'After the Kremlin effectively helped', 28],
    [11, 'Lukashenko’s Russian Ties', 'Following his most recent meeting', 34],
    [12, 'Lukashenko’s Russian Ties', 'The problem for Minsk', 38],
    [14, 'Lukashenko’s Russian Ties', '“Let’s sit down at the negotiating table', 42],
    [15, 'Threading the Needle Between Russia and China', 'His rhetoric is in line', 46],
    [18, 'Threading the Needle Between Russia and China', 'All that, however, does not mean', 52],
  ] as const)('paragraph %i sits in section %j, starts "%s" on line %i', (paragraph, section, firstWords, line) => {
    const passage = article.passages[paragraph - 1]!;
    expect(passage.section).toBe(section);
    expect(passage.text.startsWith(firstWords)).toBe(true);
    expect(passage.line).toBe(line);
    expect(source.split('\n')[line - 1]!.startsWith(firstWords)).toBe(true);
  });

  it('joins the lead-in "…glorified Beijing’s economic policy," with the quotation it introduces', () => {
    const passage = article.passages[10]!;
    expect(passage.text).toContain(
      'Lukashenko publicly glorified Beijing’s economic policy,\n\nYou have created your own global navigation system.',
    );
    expect(passage.text.endsWith('electric cars, and more.')).toBe(true);
    expect(article.passages[11]!.text.startsWith('The problem for Minsk')).toBe(true);
    expect(
      article.passages.filter((p) => p.text.includes('You have built the world’s largest telescope')),
    ).toHaveLength(1);
  });

  it('keeps every passage and every sentence verbatim: a substring of the source file at its offsets', () => {
    for (const passage of article.passages) {
      expect(source).toContain(passage.text);
      expect(passage.sentences.length).toBeGreaterThan(0);
      for (const sentence of passage.sentences)
        expect(passage.text.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
    }
  });

  it('leaves out headings and front matter: no passage is a heading or holds YAML', () => {
    for (const passage of article.passages) {
      expect(passage.text).not.toMatch(/^#|^---|title:/m);
      expect(passage.text.length).toBeGreaterThan(100);
    }
  });
});

describe.skipIf(!existsSync(SHARED_TXT))('the original text of the seed article (shared/articles/*.txt)', () => {
  it('parses with parseArticle into the same passages, sections and title as the Markdown version', async () => {
    const txtSource = await readFile(SHARED_TXT, 'utf8');
    const txt = parsed(path.basename(SHARED_TXT), txtSource);
    const md = parsed(SEED_FILE, await readFile(SEED_PATH, 'utf8'));
    expect(txt.slug).toBe(md.slug);
    expect(txt.meta.title).toBe(md.meta.title);
    expect(txt.meta.author).toBe(md.meta.author);
    expect(txt.passages.map((p) => [p.paragraph, p.section, flat(p.text)])).toEqual(
      md.passages.map((p) => [p.paragraph, p.section, flat(p.text)]),
    );
    for (const passage of txt.passages) expect(txtSource).toContain(passage.text);
    expect(txt.passages[10]!.text).toContain('economic policy,\nYou have created');
  });
});

describe('a plain-text article with blank-line-separated, wrapped paragraphs', () => {
  let library: Library;
  let source: string;
  beforeAll(async () => {
    library = await loadLibrary(BASIC);
    source = await readFile(path.join(BASIC, 'wrapped-article.txt'), 'utf8');
  });

  it('takes the title and the "By" line, and keeps wrapped lines inside one passage', () => {
    const article = library.articles.find((a) => a.slug === 'wrapped-article')!;
    expect(article.meta).toMatchObject({ title: 'Trams of Oldtown', author: 'Ada Wren' });
    expect(article.passages.map((p) => [p.paragraph, p.section, p.line, p.text.split('\n')[0]])).toEqual([
      [1, undefined, 5, 'The first tram ran in 1895 along the harbour,'],
      [2, undefined, 9, 'Electric cars arrived in 1904; the horses were'],
      [3, 'Closures and Revival', 14, 'Most routes closed between 1958 and 1974, when'],
      [4, 'Closures and Revival', 17, 'A streetcar line reopened in 2003 with money'],
    ]);
    expect(article.passages[0]!.text).toBe(
      'The first tram ran in 1895 along the harbour,\ncarrying workers from the docks to the market\nsquare every morning.',
    );
    for (const passage of article.passages) expect(source).toContain(passage.text);
  });

  it('loads the folder without problems, with aliases from aliases.txt and from front matter', () => {
    expect(library.problems).toEqual([]);
    expect(library.articles.map((a) => a.slug)).toEqual(['ferries', 'wrapped-article']);
    expect(library.aliases).toEqual([
      ['streetcar', 'tram', 'trolley'],
      ['ferry', 'boat'],
      ['car deck', 'vehicle deck'],
    ]);
    const ferries = library.articles.find((a) => a.slug === 'ferries')!;
    expect(ferries.meta).toMatchObject({
      title: 'Ferries of the Sound',
      url: 'https://example.org/ferries',
      published: '2021-05-01',
    });
    expect(ferries.passages.map((p) => p.section)).toEqual([undefined, 'Today']);
  });

  it('reads one paragraph per line when the file has no blank lines', () => {
    const article = parsed(
      'lines.txt',
      'Short Title\nBy Someone\nFirst paragraph, all on one line.\nA Heading Line\nSecond paragraph under the heading.\n',
    );
    expect(article.meta).toMatchObject({ title: 'Short Title', author: 'Someone' });
    expect(article.passages.map((p) => [p.section, p.text])).toEqual([
      [undefined, 'First paragraph, all on one line.'],
      ['A Heading Line', 'Second paragraph under the heading.'],
    ]);
  });

  // BUG (src/core/knowledge/parse-text.ts, parsePlainText): with blank-line paragraphs, a title line directly followed by
  // its "By …" line forms one chunk containing "\n", so no title is taken and the whole article fails with "missing title".
  it('takes the title and author when the "By" line directly follows the title line', () => {
    const result = parseArticle(
      'block.txt',
      'Trams of Oldtown\nBy Ada Wren\n\nThe first tram ran in 1895.\n\nThe last one ran in 1974.\n',
    );
    expect(result.problems).toEqual([]);
    expect(result.article?.meta).toMatchObject({ title: 'Trams of Oldtown', author: 'Ada Wren' });
    expect(result.article?.passages.map((p) => p.text)).toEqual([
      'The first tram ran in 1895.',
      'The last one ran in 1974.',
    ]);
  });
});

describe('a knowledge folder with broken files', () => {
  let dir: string;
  let outside: string;
  let library: Library;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'footnote-broken-'));
    outside = await mkdtemp(path.join(tmpdir(), 'footnote-outside-'));
    await cp(BROKEN, dir, { recursive: true });
    await writeFile(path.join(dir, 'binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02, 0x0a]));
    await writeFile(
      path.join(dir, 'latin1.txt'),
      Buffer.from('Caf\xe9 cr\xe8me\n\nUn paragraphe en Latin-1.\n', 'latin1'),
    );
    await writeFile(
      path.join(dir, 'bom.md'),
      `\uFEFF---\ntitle: Starts With a BOM\n---\n\nStill served, with a warning.\n`,
    );
    await writeFile(
      path.join(dir, 'huge.md'),
      `---\ntitle: Too Big\n---\n\n${'word '.repeat(Math.ceil(MAX_ARTICLE_BYTES / 5) + 10)}\n`,
    );
    await writeFile(
      path.join(outside, 'secret.md'),
      '---\ntitle: Outside\n---\n\nThis file lives outside the knowledge folder.\n',
    );
    await symlink(path.join(outside, 'secret.md'), path.join(dir, 'escape.md'));
    await writeFile(path.join(dir, 'notes.json'), '{"ignored": true}');
    library = await loadLibrary(dir);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('still loads the good files: good.md, the BOM file, the badly dated file and the first twin', () => {
    expect(library.articles.map((a) => a.file)).toEqual(['bad-date.md', 'bom.md', 'good.md', 'twin.md']);
    expect(library.aliases).toEqual([['BRI', 'Belt and Road Initiative']]);
  });

  it.each([
    ['empty.md', 'error', /empty file/],
    ['binary.md', 'error', /binary.*NUL/],
    ['latin1.txt', 'error', /not valid UTF-8/],
    ['huge.md', 'error', /over the 2 MB limit/],
    ['bad-front-matter.md', 'error', /broken front matter/],
    ['no-title.md', 'error', /missing title/],
    ['bad-date.md', 'warning', /bad date in "published": "next spring"/],
    ['escape.md', 'error', /link to a file outside the knowledge folder/],
    ['twin.txt', 'error', /"twin" is already used by twin\.md/],
    ['aliases.txt', 'warning', /at least two members: "lonely"/],
  ] as const)('names %s in problems as %s: %s', (file, severity, message) => {
    const problems = worded(library.problems.filter((p) => p.file === file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity, message: expect.stringMatching(message) });
  });

  it('gives the line of the broken front matter and of the bad alias line', () => {
    expect(library.problems.find((p) => p.file === 'bad-front-matter.md')?.line).toEqual(expect.any(Number));
    expect(library.problems.find((p) => p.file === 'aliases.txt')?.line).toBe(3);
  });

  // BUG (src/core/knowledge/load.ts, parseArticle): gray-matter hands js-yaml the front matter starting with the
  // newline after the opening "---", so the 0-based `mark.line` is already the file line minus one; `mark.line + 2`
  // reports one line too far (4 instead of 3 for the indented "author:" on line 3 of bad-front-matter.md).
  it('points the broken front matter at the offending line (3, the mis-indented key)', () => {
    expect(library.problems.find((p) => p.file === 'bad-front-matter.md')?.line).toBe(3);
  });

  it('does not read the target of a link that leaves the folder', () => {
    for (const article of library.articles)
      expect(article.passages.some((p) => p.text.includes('outside the knowledge folder'))).toBe(false);
  });

  // BUG (src/core/knowledge/load.ts, readText): `new TextDecoder('utf-8', { fatal: true })` consumes a leading BOM
  // (ignoreBOM defaults to false), so parseArticle never sees it and the "byte-order mark" warning is never given for a
  // file on disk. Expected: one warning for bom.md; `{ fatal: true, ignoreBOM: true }` would keep it for parseArticle.
  it('names bom.md in problems as a warning about the byte-order mark', () => {
    expect(worded(library.problems.filter((p) => p.file === 'bom.md'))).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/byte-order mark/) }),
    ]);
  });

  it('warns about a byte-order mark at the start of the text given to parseArticle', () => {
    const result = parseArticle('bom.md', '\uFEFF---\ntitle: BOM\n---\n\nText.\n');
    expect(worded(result.problems)).toEqual([
      { file: 'bom.md', line: 1, severity: 'warning', message: 'starts with a byte-order mark; it is ignored' },
    ]);
    expect(result.article?.passages[0]?.text).toBe('Text.');
  });

  it('strips the byte-order mark from the served text', () => {
    const bom = library.articles.find((a) => a.file === 'bom.md')!;
    expect(bom.meta.title).toBe('Starts With a BOM');
    expect(bom.passages[0]!.text).toBe('Still served, with a warning.');
  });

  it('serves the badly dated article without a date', () => {
    expect(library.articles.find((a) => a.file === 'bad-date.md')!.meta.published).toBeUndefined();
  });

  it('ignores files that are not articles (notes.json) and reports nothing about them', () => {
    expect(library.problems.some((p) => p.file === 'notes.json')).toBe(false);
  });
});

describe('published dates', () => {
  const withDate = (value: string): ReturnType<typeof parseArticle> =>
    parseArticle('dated.md', `---\ntitle: Dated\npublished: ${value}\n---\n\nText.\n`);

  it.each([
    ['2024', '2024'],
    ['2024-08', '2024-08'],
    ['2024-08-23', '2024-08-23'],
    ['"2024-02-29"', '2024-02-29'],
  ])('accepts published: %s as %s', (value, expected) => {
    const result = withDate(value);
    expect(result.problems).toEqual([]);
    expect(result.article?.meta.published).toBe(expected);
  });

  it.each(['"2024-02-30"', '2024-8', 'last week', '"2024-13"'])('warns about published: %s and drops it', (value) => {
    const result = withDate(value);
    expect(worded(result.problems)).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/bad date in "published"/) }),
    ]);
    expect(result.article?.meta.published).toBeUndefined();
  });

  // BUG (src/core/knowledge/load.ts, publishedString/validPublished): an unquoted impossible date is turned into a
  // Date by js-yaml with roll-over (2024-02-30 → 2024-03-01, 2024-13-45 → 2025-02-14) and served as that other date,
  // with no warning; the quoted form of the same value is rightly rejected.
  it.each(['2024-02-30', '2024-13-45'])(
    'warns about the unquoted impossible date %s instead of rolling it over',
    (value) => {
      const result = withDate(value);
      expect(worded(result.problems)).toEqual([
        expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/bad date/) }),
      ]);
      expect(result.article?.meta.published).toBeUndefined();
    },
  );
});

describe('parseAliases', () => {
  it('reads groups, skips comments and blank lines, and names each bad line', () => {
    const { aliases, problems } = parseAliases(
      'aliases.txt',
      '# comment\n\nXi = Xi Jinping  # trailing comment\nonly-one\n = \nEAEU=EAE\n',
    );
    expect(aliases).toEqual([
      ['Xi', 'Xi Jinping'],
      ['EAEU', 'EAE'],
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [4, 'warning'],
      [5, 'warning'],
    ]);
  });
});

describe('npm run knowledge:check', () => {
  const check = async (dir?: string): Promise<{ code: number; stdout: string }> => {
    try {
      const { stdout } = await run('npx', ['tsx', 'src/bin/knowledge-check.ts', ...(dir ? [dir] : [])], {
        cwd: REPO,
        env: { ...process.env, KNOWLEDGE_DIR: 'knowledge' },
      });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code?: number; stdout?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '' };
    }
  };

  it('passes on the real knowledge folder and summarizes it', async () => {
    const { code, stdout } = await check();
    expect(code).toBe(0);
    expect(stdout).toMatch(/: \d+ articles?, \d+ passages?, \d+ alias groups?; 0 errors, \d+ warnings?\.$/m);
  });

  it('fails on the broken fixtures with one `file:line: severity: message` line per problem', async () => {
    const { code, stdout } = await check(BROKEN);
    expect(code).toBe(1);
    expect(stdout).toContain('aliases.txt:3: warning: an alias group needs at least two members: "lonely"');
    expect(stdout).toMatch(/^bad-front-matter\.md:\d+: error: broken front matter/m);
    expect(stdout).toContain('empty.md: error: empty file');
    expect(stdout).toMatch(/3 articles, 3 passages, 1 alias group; 4 errors, 2 warnings\./);
  });

  it('passes with warnings only, and fails when no article is usable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'footnote-check-'));
    try {
      await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\npublished: someday\n---\n\nText.\n');
      const warned = await check(dir);
      expect(warned.code).toBe(0);
      expect(warned.stdout).toMatch(/^a\.md:1: warning: bad date/m);
      await rm(path.join(dir, 'a.md'));
      await writeFile(path.join(dir, 'aliases.txt'), 'a = b\n');
      const none = await check(dir);
      expect(none.code).toBe(1);
      expect(none.stdout).toMatch(/no usable article/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('reading Markdown without lexing plain paragraphs inline', () => {
  const fragments = [
    'Belarus',
    'China',
    'said',
    'in',
    '2024',
    'the',
    '*emphasis*',
    '_under_',
    '**strong**',
    '`code`',
    '[a link](https://example.com)',
    '[ref][1]',
    '![img](x.png)',
    '<b>tag</b>',
    'AT&amp;T',
    '&#8212;',
    'a\\*b',
    '~~gone~~',
    'www.example.com',
    'me@example.org',
    'https://x.org/a_b',
    '“quoted”',
    '—',
    '3.5%',
    '  \n',
    '\n',
    '\n\n',
    '\n## Heading\n',
    '\n> quoted line\n',
    '\n- item one\n- item two\n',
    '\n    code block\n',
    '\n[1]: https://example.com/ref\n',
    ':',
    ',',
  ];
  const markdown = fc
    .array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 40 })
    .map((parts) => parts.join(' '));

  it('gives the blocks marked’s own lexer gives, for any mix of plain text and inline syntax', () => {
    fc.assert(
      fc.property(markdown, (body) => {
        expect(parseMarkdown(body).blocks).toEqual(parseMarkdown(body, (text) => marked.lexer(text)).blocks);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the seed article’s blocks exactly as marked’s lexer does', async () => {
    const source = await readFile(path.join(REPO, 'knowledge', 'belarus-balancing-act-with-china.md'), 'utf8');
    expect(parseMarkdown(source).blocks).toEqual(parseMarkdown(source, (text) => marked.lexer(text)).blocks);
  });
});

describe('passages', () => {
  it('split their sentences on first use, once', () => {
    const passage = passageOf({
      id: 'a#1',
      articleSlug: 'a',
      paragraph: 1,
      text: 'One sentence here. Another one there.',
      line: 1,
    });
    const first = passage.sentences;
    expect(first.map((s) => s.text)).toEqual(['One sentence here.', 'Another one there.']);
    expect(passage.sentences).toBe(first);
  });
});
