import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/core/knowledge/load.js';
import { classifyAddress } from '../src/ingest/address-policy.js';
import { type ArticleDraft, fileNameFor, renderArticleFile } from '../src/ingest/article-file.js';
import { extractArticle, htmlToMarkdown } from '../src/ingest/extract-html.js';
import { extractOffThread } from '../src/ingest/extract-off-thread.js';
import { decodeBody, type PageType, pageTypeOf } from '../src/ingest/fetch-page.js';
import { draftFromMarkdown, draftFromPlainText, titleFromName } from '../src/ingest/from-text.js';
import { describeIngestFailure, type IngestFailure } from '../src/ingest/outcomes.js';
import { parseDocument } from '../src/ingest/dom.js';
import { cleanAuthor, normalizeDate, readPageMeta } from '../src/ingest/page-meta.js';
import { describeIssue } from '../src/messages.js';
import { fixture } from './ingest-server.js';

/** The article as the library reads it back from the file that would be written. */
function served(draft: ArticleDraft) {
  const { article, problems } = parseArticle('added.md', renderArticleFile(draft));
  if (!article) throw new Error(`not served: ${problems.map((p) => describeIssue(p.issue)).join('; ')}`);
  return { article, problems };
}

function extracted(html: string, url?: string): ArticleDraft {
  const outcome = extractArticle(html, url);
  if (outcome.kind !== 'article') throw new Error('no article extracted');
  return outcome.draft;
}

export const NEWS_PASSAGES: readonly (readonly [string | undefined, string])[] = [
  [
    undefined,
    'Three harbour towns on the western coast have agreed to build a shared tidal power station, the first of its kind in the region, after a decade of studies and two failed funding rounds.',
  ],
  [
    undefined,
    'The station will sit in the narrow channel between Portmere and the island of Skerra, where the tide runs at up to four metres a second. Engineers expect it to supply about 40 megawatts, enough for roughly 30,000 homes.',
  ],
  [
    undefined,
    '“We have talked about this channel for as long as I have been on the council,” said Anna Brask, who chairs the joint committee of the three towns. “Now we have the money and the permits, and nobody can say the tide will stop.”',
  ],
  [
    'Who pays for it',
    'The project will cost an estimated £120 million. Half comes from a regional development fund, a quarter from a green bond the towns will issue together, and the rest from a private operator that will run the station for 25 years.',
  ],
  [
    'Who pays for it',
    // A lead-in ending with a colon stays with the quotation it introduces (the loader's rule).
    'Critics say the bond leaves small councils exposed if the turbines fail. The opposition’s finance spokesman warned:\n\nIf the machines sit idle for a winter, it is the rate-payers of three small towns who will carry the loss, not the operator.',
  ],
  [
    'What happens next',
    'Work is due to start in the spring of next year. The committee listed three conditions the operator must meet before construction begins:\nan independent survey of the seabed and its fisheries;',
  ],
  ['What happens next', 'a public inquiry on the cable route across the salt marsh;'],
  ['What happens next', 'a guarantee fund covering two years of repayments.'],
  [
    'What happens next',
    'If the conditions are met, the first turbines could turn in 2027, and the towns expect to repay the bond within twelve years.',
  ],
];

describe('reading a news page as an article', () => {
  const draft = extracted(fixture('news-article.html'), 'http://news.test/news');

  it('keeps exactly the article’s paragraphs, quotation and list items, under their headings', () => {
    const { article, problems } = served(draft);
    expect(article.passages.map((p) => [p.section, p.text])).toEqual(NEWS_PASSAGES);
    expect(problems).toEqual([]);
  });

  it('leaves out navigation, the cookie banner, share links, the caption, advertisements, comments and the footer', () => {
    for (const clutter of [
      'Energy',
      'We use cookies',
      'Share on',
      'Share this article',
      'Photograph',
      'Advertisement',
      'seafarer42',
      'maintenance bills',
      'Related stories',
      'All rights reserved',
      'Subscribe',
      'Injected by a script',
      'Home',
    ]) {
      expect(draft.body, clutter).not.toContain(clutter);
    }
  });

  it('fills the front matter from JSON-LD, meta tags and the canonical link', () => {
    expect(draft.meta).toEqual({
      title: 'Harbour towns bet on tidal power',
      author: 'Maria Keller, Owen Pryce',
      publisher: 'The Coastal Ledger',
      url: 'https://ledger.example/energy/harbour-towns-tidal-power',
      // JSON-LD's datePublished (3 May) is preferred to article:published_time (2 May), and the day is as written.
      published: '2024-05-03',
      language: 'en-GB',
    });
  });
});

describe('reading a blog post with only a <time>', () => {
  const draft = extracted(fixture('blog-post.html'), 'http://blog.test/2023/seed-library');

  it('dates it from <time datetime>, titles it from its <h1>, and links to where it was read', () => {
    expect(draft.meta).toEqual({
      title: 'Notes from a seed library',
      url: 'http://blog.test/2023/seed-library',
      published: '2023-03-14',
    });
  });

  it('keeps its four paragraphs and not the dateline or the older/newer links', () => {
    const { article } = served(draft);
    expect(article.passages.map((p) => p.text.slice(0, 40))).toEqual([
      'The seed library in our village hall ope',
      'The rule is simple: take what you like, ',
      'What surprised me most is how local the ',
      'Next season we want to add a shelf for t',
    ]);
    expect(draft.body).not.toMatch(/Posted on|Older post|Archive/);
  });
});

describe('pages that are not an article', () => {
  it.each([
    ['a page of navigation and links', fixture('navigation.html')],
    ['an empty page', '<!doctype html><html><body></body></html>'],
    ['a page with one short sentence', '<html><body><article><p>Coming soon.</p></article></body></html>'],
    ['text that is not HTML at all', 'just some words'],
  ])('%s is not an article', (_name, html) => {
    expect(extractArticle(html, 'http://x.test/').kind).toBe('not-an-article');
  });
});

describe('page metadata', () => {
  it.each([
    ['2024-08-23T10:00:00-07:00', '2024-08-23'],
    ['2024-08-23', '2024-08-23'],
    ['2024-08', '2024-08'],
    ['2024', '2024'],
    ['2024-02-30', undefined],
    ['August 23, 2024', '2024-08-23'],
    ['Fri, 23 Aug 2024 08:00:00 GMT', '2024-08-23'],
    ['soon', undefined],
    ['', undefined],
  ])('the date %j is %j', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each([
    ['By Jane Doe', 'Jane Doe'],
    ['  by   Jane   Doe ', 'Jane Doe'],
    ['https://facebook.example/janedoe', undefined],
    ['', undefined],
  ])('the author %j is %j', (input, expected) => {
    expect(cleanAuthor(input)).toBe(expected);
  });

  it('reads an author meta tag, og:locale and og:url when there is no JSON-LD', () => {
    const document = parseDocument(
      '<html><head><meta name="author" content="By Ann Lee"><meta property="og:locale" content="fr_FR">' +
        '<meta property="og:url" content="/a/b"><meta property="og:site_name" content="Le Site"></head><body></body></html>',
    );
    expect(readPageMeta(document, 'https://site.example/x')).toEqual({
      author: 'Ann Lee',
      language: 'fr-FR',
      canonicalUrl: 'https://site.example/a/b',
      publisher: 'Le Site',
    });
  });

  it('skips broken JSON-LD and an author that is a link, and ignores a canonical link that is not http', () => {
    const document = parseDocument(
      '<html><head><script type="application/ld+json">{ not json</script>' +
        '<script type="application/ld+json">{"@type":"BlogPosting","author":{"name":"Kim Ro"},"datePublished":"2021-06-01"}</script>' +
        '<meta property="article:author" content="https://social.example/kim"><link rel="canonical" href="javascript:alert(1)">' +
        '</head><body></body></html>',
    );
    expect(readPageMeta(document)).toEqual({ author: 'Kim Ro', published: '2021-06-01' });
  });
});

describe('Markdown of extracted HTML', () => {
  it('keeps headings, paragraphs, quotations and lists, and the words of links without their addresses', () => {
    expect(
      htmlToMarkdown(
        '<h2>Part one</h2><p>Read <a href="/x">the report</a> here.</p><blockquote><p>Quoted.</p></blockquote><ol><li>First</li><li>Second</li></ol>',
      ),
    ).toBe('## Part one\n\nRead the report here.\n\n> Quoted.\n\n1.  First\n2.  Second');
  });

  it('drops a block that only says "Advertisement"', () => {
    expect(htmlToMarkdown('<p>One.</p><p>ADVERTISEMENT</p><p>Two.</p>')).toBe('One.\n\nTwo.');
  });
});

describe('the file written', () => {
  it('round-trips a title with a colon, quotes and a leading dash through the loader', () => {
    const title = '- "Quoted": a title: with colons # and a hash';
    const { article } = served({
      meta: { title, author: 'O’Brien, Ann', published: '2024-08', url: 'https://x.example/a?b=1#c' },
      body: 'A paragraph.',
    });
    expect(article.meta).toMatchObject({
      title,
      author: 'O’Brien, Ann',
      published: '2024-08',
      url: 'https://x.example/a?b=1#c',
    });
  });

  it.each([
    ['Harbour towns bet on tidal power', 'harbour-towns-bet-on-tidal-power.md'],
    ['Belarus’ Balancing Act with China', 'belarus-balancing-act-with-china.md'],
    ['Ça va? Éditions & Co.', 'ca-va-editions-co.md'],
    ['!!!', 'article.md'],
    [
      'A very long title that goes on and on well past any reasonable length for a file name',
      'a-very-long-title-that-goes-on-and-on-well-past-any.md',
    ],
  ])('%j is saved as %s', (title, name) => {
    expect(fileNameFor(title)).toBe(name);
  });
});

describe('Markdown and plain text as articles', () => {
  it('keeps a Markdown document’s own front matter and takes its first heading as the title otherwise', () => {
    const withMatter = draftFromMarkdown(
      '---\ntitle: Own\nauthor: By Z\npublished: 2020-01-02\n---\nText.\n',
      'Fallback',
    );
    expect(withMatter).toMatchObject({
      kind: 'article',
      draft: { meta: { title: 'Own', author: 'Z', published: '2020-01-02' } },
    });
    const withHeading = draftFromMarkdown(fixture('field-notes.md'), 'Fallback', 'http://x.test/notes.md');
    expect(withHeading).toMatchObject({
      draft: { meta: { title: 'Field notes: counting swifts', url: 'http://x.test/notes.md' } },
    });
  });

  it('writes plain text so that every paragraph reads back word for word', () => {
    const lines = [
      'A copied article',
      'By Sam Weir',
      '',
      '1. This line starts like a list item but is a sentence.',
      '',
      '# Not a heading, a hashtag line.',
      '',
      'Stars *and* underscores_like_this and [brackets] stay as written.',
      '',
      '> Not a quotation either.',
    ];
    const outcome = draftFromPlainText(lines.join('\n'), 'Fallback');
    expect(outcome.draft.meta).toEqual({ title: 'A copied article', author: 'Sam Weir' });
    expect(served(outcome.draft).article.passages.map((p) => p.text)).toEqual([
      '1. This line starts like a list item but is a sentence.',
      '# Not a heading, a hashtag line.',
      'Stars *and* underscores_like_this and [brackets] stay as written.',
      '> Not a quotation either.',
    ]);
  });

  it.each([
    ['https://x.example/2024/the-tidal-bet.html', 'The tidal bet'],
    ['field_notes.md', 'Field notes'],
    ['https://x.example/', 'X.example'],
    ['https://x.example/%E0%A4%A', '%E0%A4%A'],
  ])('a document without a title is named from %s', (name, title) => {
    expect(titleFromName(name)).toBe(title);
  });
});

describe('the address policy', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['2606:2800:220:1:248:1893:25c8:1946', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.3.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.10.10', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['169.254.169.254', 'cloud-metadata'],
    ['fd00:ec2::254', 'cloud-metadata'],
    ['100.100.100.200', 'cloud-metadata'],
    ['0.0.0.0', 'special'],
    ['::', 'special'],
    ['224.0.0.1', 'special'],
    ['255.255.255.255', 'special'],
    ['2002:7f00:1::1', 'special'],
    ['64:ff9b::7f00:1', 'special'],
    ['not an address', 'special'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('messages for refusals', () => {
  it.each<[IngestFailure, RegExp]>([
    [
      { kind: 'refused-address', host: 'intranet.test', address: '10.0.0.1', class: 'private' },
      /intranet\.test leads to a private network/,
    ],
    [{ kind: 'too-large', limitBytes: 5_000_000 }, /5 MB limit/],
    [{ kind: 'timeout', seconds: 15 }, /within 15 s/],
    [{ kind: 'unsupported-type', contentType: 'application/pdf' }, /application\/pdf, not a web page/],
    [{ kind: 'not-an-article' }, /No readable article/],
    [{ kind: 'too-many-redirects', limit: 5 }, /more than 5 times/],
  ])('%j is told as %s', (failure, text) => {
    expect(describeIngestFailure(failure)).toMatch(text);
  });
});

describe('reading a page on a worker thread', () => {
  it('gives what reading it on this thread gives, from the worker (not the fallback)', async () => {
    const html = fixture('news-article.html');
    const fallback = (): never => {
      throw new Error('the worker did not read the page');
    };
    expect(await extractOffThread(html, 'http://news.test/news', { fallback })).toEqual(
      extractArticle(html, 'http://news.test/news'),
    );
  });

  it('gives up a page still being read after its deadline', async () => {
    expect(await extractOffThread(fixture('news-article.html'), undefined, { timeoutMs: 1 })).toEqual({
      kind: 'timeout',
      seconds: 0.001,
    });
  });
});

describe('what a response is', () => {
  it.each([
    ['text/html; charset=utf-8', 'html'],
    ['application/xhtml+xml', 'html'],
    ['text/markdown', 'markdown'],
    ['text/x-markdown; charset=UTF-8', 'markdown'],
    ['text/plain', 'text'],
    ['application/pdf', undefined],
    ['image/png', undefined],
    ['', undefined],
  ])('%j is read as %j', (contentType, type) => {
    expect(pageTypeOf(contentType)).toBe(type);
  });

  it.each<[string, Buffer, string, PageType, string]>([
    ['the header’s charset', Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=windows-1252', 'text', 'café'],
    [
      'a <meta charset> when the header names none',
      Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0xe9]), Buffer.from('</p>')]),
      'text/html',
      'html',
      '<meta charset="iso-8859-1"><p>é</p>',
    ],
    ['UTF-8 otherwise', Buffer.from('café', 'utf8'), 'text/plain', 'text', 'café'],
    ['UTF-8 for a charset nobody knows', Buffer.from('café', 'utf8'), 'text/plain; charset=klingon', 'text', 'café'],
  ])('decodes by %s', (_name, bytes, contentType, type, text) => {
    expect(decodeBody(bytes, contentType, type)).toBe(text);
  });
});
