import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../src/core/knowledge/load.js';
import { type AddressPolicy, classifyAddress } from '../src/ingest/address-policy.js';
import {
  type AddOutcome,
  addArticleFromFile,
  addArticleFromLink,
  type IngestOptions,
} from '../src/ingest/add-article.js';
import { FETCH_LIMITS, type Resolver } from '../src/ingest/fetch-page.js';
import { HUGE_BYTES, startTestSite, type TestSite } from './ingest-server.js';

const run = promisify(execFile);
const GUILD = '123456789012345678';

let site: TestSite;
let knowledgeDir: string;

/**
 * Stands for an address on a private network. It is loopback, so even a broken guard's connection would stay on
 * this machine (and find nothing listening).
 */
const PRIVATE_STAND_IN = '127.0.0.2';

/** `*.test` names resolve to the test site, `intranet.test` to the private stand-in; anything else is not found. */
const resolveTestNames: Resolver = async (hostname) => {
  if (hostname === 'intranet.test') return [{ address: PRIVATE_STAND_IN, family: 4 }];
  if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

/** The test site (127.0.0.1) counts as public, the stand-in as private; every other address as in production. */
const siteIsPublic: AddressPolicy = (address) =>
  address === '127.0.0.1' ? 'public' : address === PRIVATE_STAND_IN ? 'private' : classifyAddress(address);

const guarded: IngestOptions = {
  allowPrivate: false,
  fetch: { resolve: resolveTestNames, policy: siteIsPublic },
  now: () => new Date('2026-12-01T12:00:00Z'),
};

const addLink = (route: string, options: IngestOptions = guarded, host = 'news.test'): Promise<AddOutcome> =>
  addArticleFromLink(site.url(route, host), { knowledgeDir, server: GUILD }, options);

const shelf = (): string => path.join(knowledgeDir, 'servers', GUILD);
const filesOnShelf = async (): Promise<string[]> => (await readdir(shelf()).catch(() => [])).sort();

function added(outcome: AddOutcome) {
  if (outcome.kind !== 'added') throw new Error(`expected an article, got ${JSON.stringify(outcome)}`);
  return outcome;
}

beforeAll(async () => {
  site = await startTestSite();
});
afterAll(async () => {
  await site.close();
});
beforeEach(async () => {
  knowledgeDir = await mkdtemp(path.join(tmpdir(), 'footnote-ingest-'));
  await writeFile(path.join(knowledgeDir, 'seed.md'), '---\ntitle: Seed\n---\nA shared paragraph.\n');
});
afterEach(async () => {
  await rm(knowledgeDir, { recursive: true, force: true });
});

describe('adding a page by link', () => {
  it('writes the news article to the server’s shelf with its front matter, and the library reads nine passages', async () => {
    const result = added(await addLink('/news'));
    expect(result.refreshed).toBe(false);
    expect(path.relative(knowledgeDir, result.path)).toBe(`servers/${GUILD}/harbour-towns-bet-on-tidal-power.md`);
    const text = await readFile(result.path, 'utf8');
    expect(text.split('\n---\n')[0]).toBe(
      [
        '---',
        'title: "Harbour towns bet on tidal power"',
        'author: "Maria Keller, Owen Pryce"',
        'publisher: "The Coastal Ledger"',
        'url: "https://ledger.example/energy/harbour-towns-tidal-power"',
        `source: "${site.url('/news', 'news.test')}"`,
        'published: "2024-05-03"',
        'language: "en-GB"',
        'retrieved: "2026-12-01"',
      ].join('\n'),
    );
    const library = await loadLibrary(shelf());
    expect(library.problems).toEqual([]);
    expect(library.articles[0]?.passages).toHaveLength(9);
  });

  it('follows a chain of five redirects, the most allowed, and reads a gzip-compressed page', async () => {
    expect(added(await addLink('/chain/5')).article.meta.title).toBe('Harbour towns bet on tidal power');
    expect(site.requests.slice(-6)).toEqual(['/chain/5', '/chain/4', '/chain/3', '/chain/2', '/chain/1', '/news']);
    await rm(shelf(), { recursive: true });
    expect(added(await addLink('/news-gzip')).article.passages).toHaveLength(9);
  });

  it('reads a Markdown page, taking its first heading as the title', async () => {
    const result = added(await addLink('/notes.md'));
    expect(result.article.meta).toMatchObject({
      title: 'Field notes: counting swifts',
      url: site.url('/notes.md', 'news.test'),
    });
    expect(result.article.passages).toHaveLength(2);
  });

  it('refreshes the file when the same link is added again, by its canonical address', async () => {
    const first = added(await addLink('/news'));
    await writeFile(first.path, (await readFile(first.path, 'utf8')).replace('Three harbour towns', 'Edited by hand'));
    // Another route to the same page: the canonical address in the front matter finds the file.
    const second = added(await addLink('/chain/2'));
    expect(second).toMatchObject({ refreshed: true, path: first.path });
    expect(await filesOnShelf()).toEqual(['harbour-towns-bet-on-tidal-power.md']);
    expect(await readFile(first.path, 'utf8')).toContain('Three harbour towns');
  });

  it('gives a second article with the same title a name of its own instead of overwriting', async () => {
    added(await addLink('/news'));
    const other = await readFile(path.join(import.meta.dirname, 'fixtures', 'ingest', 'news-article.html'), 'utf8');
    const file = path.join(knowledgeDir, 'copy.html');
    await writeFile(file, other.replace(/<link rel="canonical"[^>]*>/, ''));
    const result = added(await addArticleFromFile(file, { knowledgeDir, server: GUILD }, guarded));
    expect(path.basename(result.path)).toBe('harbour-towns-bet-on-tidal-power-2.md');
  });

  it('gives two articles with the same title added at the same moment a file each', async () => {
    const other = await readFile(path.join(import.meta.dirname, 'fixtures', 'ingest', 'news-article.html'), 'utf8');
    const file = path.join(knowledgeDir, 'copy.html');
    await writeFile(file, other.replace(/<link rel="canonical"[^>]*>/, ''));
    const results = await Promise.all([
      addLink('/news'),
      addArticleFromFile(file, { knowledgeDir, server: GUILD }, guarded),
    ]);
    const paths = results.map((result) => added(result).path);
    expect(new Set(paths).size).toBe(2);
    expect(await filesOnShelf()).toEqual([
      'harbour-towns-bet-on-tidal-power-2.md',
      'harbour-towns-bet-on-tidal-power.md',
    ]);
    expect(results.map((result) => added(result).article.slug).sort()).toEqual([
      'harbour-towns-bet-on-tidal-power',
      'harbour-towns-bet-on-tidal-power-2',
    ]);
  });

  it('writes to the shared library when no server is named, and the shared loader never reads a shelf', async () => {
    added(await addLink('/blog'));
    const shared = added(await addArticleFromLink(site.url('/news', 'news.test'), { knowledgeDir }, guarded));
    expect(path.dirname(shared.path)).toBe(knowledgeDir);
    const library = await loadLibrary(knowledgeDir);
    expect(library.articles.map((a) => a.meta.title).sort()).toEqual(['Harbour towns bet on tidal power', 'Seed']);
  });

  it('does not reuse a shared article’s name on a shelf, so passage ids stay distinct', async () => {
    await writeFile(path.join(knowledgeDir, 'notes-from-a-seed-library.md'), '---\ntitle: Other\n---\nText.\n');
    expect(path.basename(added(await addLink('/blog')).path)).toBe('notes-from-a-seed-library-2.md');
  });
});

describe('links that are refused, and leave nothing behind', () => {
  it.each<[string, string, Partial<IngestOptions['fetch']>, Record<string, unknown>]>([
    ['a page of navigation', '/home', {}, { kind: 'not-an-article' }],
    ['a PDF', '/paper.pdf', {}, { kind: 'unsupported-type', contentType: 'application/pdf' }],
    ['a missing page', '/missing', {}, { kind: 'http-status', status: 404 }],
    ['six redirects or more', '/loop/1', {}, { kind: 'too-many-redirects', limit: 5 }],
    [
      'a redirect to a private address',
      '/to-private',
      {},
      { kind: 'refused-address', host: 'intranet.test', address: PRIVATE_STAND_IN, class: 'private' },
    ],
    [
      'a redirect to a loopback address written as an IP',
      '/to-loopback-ip',
      {},
      { kind: 'refused-address', host: '127.0.0.3', address: '127.0.0.3', class: 'loopback' },
    ],
    ['a page that never finishes', '/hang', { timeoutMs: 400 }, { kind: 'timeout', seconds: 0.4 }],
    [
      'a name that never resolves',
      '/news',
      { timeoutMs: 200, resolve: () => new Promise<never>(() => undefined) },
      { kind: 'timeout', seconds: 0.2 },
    ],
    ['a 20 MB page', '/huge', {}, { kind: 'too-large', limitBytes: 5_000_000 }],
    ['a 20 MB page that says so', '/huge-declared', {}, { kind: 'too-large', limitBytes: 5_000_000 }],
  ])('%s', async (_name, route, fetch, expected) => {
    const outcome = await addLink(route, { ...guarded, fetch: { ...guarded.fetch, ...fetch } });
    expect(outcome).toMatchObject(expected);
    expect(await filesOnShelf()).toEqual([]);
    expect(await readdir(knowledgeDir)).toEqual(['seed.md']);
  });

  it('stops reading a 20 MB page soon after 5 MB instead of downloading it all', async () => {
    const before = site.hugeBytesSent();
    expect(await addLink('/huge')).toMatchObject({ kind: 'too-large' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(site.hugeBytesSent() - before).toBeLessThan(HUGE_BYTES / 2);
  });

  it('checks the redirect target before connecting: the private address is never requested', async () => {
    const before = site.requests.length;
    await addLink('/to-private');
    expect(site.requests.slice(before)).toEqual(['/to-private']);
  });

  it.each([
    ['the test site’s own address', '127.0.0.1'],
    ['a name that resolves to loopback', 'news.test'],
    ['loopback written as one decimal number', '2130706433'],
    ['loopback written in hex', '0x7f.1'],
  ])('refuses %s under the default policy', async (_name, host) => {
    const options = { allowPrivate: false, fetch: { resolve: resolveTestNames } };
    const outcome = await addArticleFromLink(site.url('/news', host), { knowledgeDir }, options);
    expect(outcome).toMatchObject({ kind: 'refused-address', address: '127.0.0.1', class: 'loopback' });
    expect(await readdir(knowledgeDir)).toEqual(['seed.md']);
  });

  it('refuses a name with one public and one private address', async () => {
    const mixed: Resolver = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '192.168.0.10', family: 4 },
    ];
    const outcome = await addLink('/news', { ...guarded, fetch: { resolve: mixed, policy: siteIsPublic } });
    expect(outcome).toMatchObject({ kind: 'refused-address', address: '192.168.0.10' });
  });

  it('connects to the address it checked: a resolver that changes its answer (DNS rebinding) is asked once per hop', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    added(await addLink('/news', { ...guarded, fetch: { resolve: rebinding, policy: siteIsPublic } }));
    expect(calls).toBe(1);
  });

  it.each([
    ['ftp://news.test/a', { kind: 'bad-scheme', scheme: 'ftp' }],
    ['file:///etc/passwd', { kind: 'bad-scheme', scheme: 'file' }],
    ['not a link', { kind: 'bad-link' }],
    ['http://nowhere.invalid/', { kind: 'unresolvable', host: 'nowhere.invalid' }],
  ])('%s is refused', async (link, expected) => {
    expect(await addArticleFromLink(link, { knowledgeDir }, guarded)).toMatchObject(expected);
  });

  it('takes the test site with INGEST_ALLOW_PRIVATE on', async () => {
    added(await addArticleFromLink(site.url('/blog'), { knowledgeDir }, { allowPrivate: true }));
  });

  it('refuses a server id that is not a Discord id, so no path can leave the knowledge folder', async () => {
    const outcome = await addArticleFromLink(
      site.url('/blog'),
      { knowledgeDir, server: '../..' },
      { allowPrivate: true },
    );
    expect(outcome).toEqual({ kind: 'bad-server', server: '../..' });
  });

  it('uses the limits of issue 13 by default', () => {
    expect(FETCH_LIMITS).toEqual({ timeoutMs: 15_000, maxBytes: 5_000_000, maxRedirects: 5 });
  });
});

describe('adding a local file', () => {
  it.each([
    ['news-article.html', 9],
    ['field-notes.md', 2],
  ])('adds %s', async (name, passages) => {
    const result = added(
      await addArticleFromFile(
        path.join(import.meta.dirname, 'fixtures', 'ingest', name),
        { knowledgeDir, server: GUILD },
        guarded,
      ),
    );
    expect(result.article.passages).toHaveLength(passages);
  });

  it('adds plain text as Markdown with its title and author', async () => {
    const file = path.join(knowledgeDir, '..', `${path.basename(knowledgeDir)}-copied.txt`);
    await writeFile(
      file,
      'Swifts over the tower\nBy Ruth Hale\n\nThe swifts came back in May.\n\nThey left in August.\n',
    );
    try {
      const result = added(await addArticleFromFile(file, { knowledgeDir }, guarded));
      expect(result.article.meta).toMatchObject({ title: 'Swifts over the tower', author: 'Ruth Hale' });
      expect(result.article.passages.map((p) => p.text)).toEqual([
        'The swifts came back in May.',
        'They left in August.',
      ]);
    } finally {
      await rm(file, { force: true });
    }
  });

  it('refuses a file over 2 MB, a PDF, a missing file and a file that is not UTF-8', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'footnote-files-'));
    try {
      await writeFile(path.join(dir, 'big.md'), `---\ntitle: Big\n---\n${'word '.repeat(500_000)}`);
      await writeFile(path.join(dir, 'latin1.txt'), Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xe9, 0xe8]));
      await mkdir(path.join(dir, 'folder.md'));
      const add = (name: string) => addArticleFromFile(path.join(dir, name), { knowledgeDir }, guarded);
      expect(await add('big.md')).toMatchObject({ kind: 'too-large', limitBytes: 2_000_000 });
      expect(await add('paper.pdf')).toMatchObject({ kind: 'unsupported-file' });
      expect(await add('absent.md')).toMatchObject({ kind: 'no-file' });
      expect(await add('folder.md')).toMatchObject({ kind: 'no-file' });
      expect(await add('latin1.txt')).toMatchObject({ kind: 'unreadable-file', reason: 'not UTF-8 text' });
      expect(await readdir(knowledgeDir)).toEqual(['seed.md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run knowledge:add', () => {
  const cli = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ['--import', 'tsx', 'src/bin/knowledge-add.ts', ...args], {
      env: { ...process.env, KNOWLEDGE_DIR: knowledgeDir, LOG_LEVEL: 'silent', ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('adds a link to a shelf and prints the title, author, date, passage count and first passage (exit 0)', async () => {
    const { code, stdout } = await cli([site.url('/news'), '--server', GUILD], { INGEST_ALLOW_PRIVATE: 'true' });
    expect(code).toBe(0);
    expect(stdout).toContain('Added “Harbour towns bet on tidal power”: 9 passages.');
    expect(stdout).toContain('author:    Maria Keller, Owen Pryce');
    expect(stdout).toContain('published: 2024-05-03');
    expect(stdout).toContain('¶1 Three harbour towns on the western coast');
    expect(await filesOnShelf()).toEqual(['harbour-towns-bet-on-tidal-power.md']);
  });

  it('refuses the loopback address unless INGEST_ALLOW_PRIVATE is true (exit 1)', async () => {
    const { code, stderr } = await cli([site.url('/news')], { INGEST_ALLOW_PRIVATE: 'false' });
    expect(code).toBe(1);
    expect(stderr).toContain('127.0.0.1 leads to this machine');
  });

  it.each([[[]], [['--server', '12']], [['a', 'b']], [['--bogus', 'x']]])('exits 2 on bad usage %j', async (args) => {
    const { code, stderr } = await cli(args, {});
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run knowledge:add');
  });
});
