import { Readability } from '@mozilla/readability';
import TurndownService from 'turndown';
import { definedFields } from '../core/defined.js';
import type { ArticleDraft } from './article-file.js';
import { type DomDocument, type DomElement, parseDocument } from './dom.js';
import { cleanAuthor, cleanText, normalizeDate, readPageMeta } from './page-meta.js';

/** Less prose than this (in paragraphs and quotations) is a page about other pages, not an article. */
export const MIN_ARTICLE_CHARACTERS = 400;

/** Never article text, whatever Readability scores them: navigation, forms, media and their captions. */
const CLUTTER_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'form',
  'button',
  'select',
  'textarea',
  'dialog',
  'figure',
  'figcaption',
  'picture',
  'img',
  'svg',
  'video',
  'audio',
  'iframe',
  'object',
  'embed',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[aria-hidden="true"]',
  '[hidden]',
].join(', ');

/** Words of an id or class that mark a page's furniture, whatever its size: banners, sharing, comments, advertising. */
const CLUTTER_WORDS = new Set([
  'ad',
  'ads',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'breadcrumb',
  'breadcrumbs',
  'comment',
  'comments',
  'consent',
  'cookie',
  'cookies',
  'disqus',
  'gdpr',
  'modal',
  'newsletter',
  'paywall',
  'popup',
  'share',
  'sharing',
  'social',
  'sponsor',
  'sponsored',
  'subscribe',
]);

/**
 * Words that mark furniture only on a short element: `post-meta` or `byline` is a line, but a long element with such
 * a class (`entry-meta-wrapper` around the whole post) may be the article.
 */
const SHORT_CLUTTER_WORDS = new Set(['banner', 'byline', 'dateline', 'meta', 'promo', 'related']);
const MAX_SHORT_CLUTTER_LENGTH = 300;

/** The container of the article itself is never furniture, even when its class mentions comments. */
const CONTAINERS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

/** A line that is only a label for an advertisement or a teaser, not a sentence of the article. */
const LABEL_LINE =
  /^(advertisement|advertising|ad|sponsored( content)?|story continues below( advertisement)?|continue reading( below)?|read more|related( articles)?)$/i;

function classWords(element: DomElement): string[] {
  return `${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''}`
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word !== '');
}

const hasClutterWord = (element: DomElement): boolean => classWords(element).some((word) => CLUTTER_WORDS.has(word));

function isFurniture(element: DomElement): boolean {
  if (CONTAINERS.has(element.tagName.toUpperCase())) return false;
  const words = classWords(element);
  const strong = words.some((word) => CLUTTER_WORDS.has(word));
  const weak = words.some((word) => SHORT_CLUTTER_WORDS.has(word));
  if (!strong && !(weak && (cleanText(element.textContent)?.length ?? 0) <= MAX_SHORT_CLUTTER_LENGTH)) return false;
  // A comment is often an <article> itself; only an article or main that is not furniture protects its container.
  return ![...element.querySelectorAll('article, main')].some((inner) => !hasClutterWord(inner));
}

/** A dateline ("Posted on 14 March 2023"): a short line around a `<time>`, metadata rather than a sentence. */
const MAX_DATELINE_LENGTH = 80;

/** Removes what is never the article, so Readability weighs only the rest. */
function removeClutter(document: DomDocument): void {
  for (const element of [...document.querySelectorAll(CLUTTER_SELECTOR)]) element.remove();
  for (const element of [...document.querySelectorAll('[id], [class]')]) if (isFurniture(element)) element.remove();
  for (const element of [...document.querySelectorAll('p, div, span, section, li')]) {
    if (LABEL_LINE.test(cleanText(element.textContent) ?? '')) element.remove();
  }
  for (const time of [...document.querySelectorAll('time')]) {
    const line = time.parentElement;
    const short = line !== null && (cleanText(line.textContent)?.length ?? 0) <= MAX_DATELINE_LENGTH;
    (short && !CONTAINERS.has(line.tagName.toUpperCase()) ? line : time).remove();
  }
}

/** The page's one `<h1>`, when the `<title>` begins with it (`<title>` often adds the site's name). */
function headingTitle(document: DomDocument): string | undefined {
  const headings = [...document.querySelectorAll('h1')];
  const heading = headings.length === 1 ? cleanText(headings[0]?.textContent) : undefined;
  const title = cleanText(document.querySelector('title')?.textContent);
  return heading !== undefined && title?.startsWith(heading) ? heading : undefined;
}

function createTurndown(): TurndownService {
  const turndown = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
  });
  turndown.remove(['script', 'style', 'noscript', 'figure', 'figcaption', 'img', 'picture', 'table', 'iframe', 'svg']);
  // The words of a link are the article's; its address is the page's furniture (and often relative or tracked).
  turndown.addRule('link-text', { filter: 'a', replacement: (content) => content });
  return turndown;
}

/** Turns the extracted HTML into Markdown, dropping label lines ("Advertisement") the markup did not mark. */
export function htmlToMarkdown(html: string): string {
  return createTurndown()
    .turndown(html)
    .split(/\n{2,}/)
    .filter((block) => !LABEL_LINE.test(block.trim()))
    .join('\n\n')
    .trim();
}

/** The text of the article's paragraphs and quotations: how much prose it has. */
function proseLength(content: DomDocument): number {
  let length = 0;
  for (const element of content.querySelectorAll('p, blockquote')) {
    if (element.parentElement?.tagName.toUpperCase() === 'BLOCKQUOTE') continue;
    length += cleanText(element.textContent)?.length ?? 0;
  }
  return length;
}

/** `The Title | The Site` → `The Title` when the rest names the site. */
function withoutSiteName(title: string, site: string | undefined): string {
  if (site === undefined) return title;
  const match = /^(.+?)\s*[|–—:·-]\s*(.+)$/.exec(title);
  return match?.[1] !== undefined && match[2]?.toLowerCase() === site.toLowerCase() ? match[1] : title;
}

export type ExtractOutcome =
  { readonly kind: 'article'; readonly draft: ArticleDraft } | { readonly kind: 'not-an-article' };

/**
 * Reads an HTML page as an article: metadata from its markup, the article's text by Readability (after removing
 * navigation, banners, sharing, comments, captions and advertising), converted to Markdown with its headings,
 * paragraphs, quotations and lists. Pure: no network, no script runs.
 */
export function extractArticle(html: string, pageUrl?: string): ExtractOutcome {
  const document = parseDocument(html);
  const meta = readPageMeta(document, pageUrl);
  const heading = headingTitle(document);
  removeClutter(document);
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  if (!parsed?.content) return { kind: 'not-an-article' };
  if (proseLength(parseDocument(parsed.content)) < MIN_ARTICLE_CHARACTERS) return { kind: 'not-an-article' };
  const body = htmlToMarkdown(parsed.content);
  if (body === '') return { kind: 'not-an-article' };

  const publisher = meta.publisher ?? cleanText(parsed.siteName);
  const title = meta.title ?? heading ?? withoutSiteName(cleanText(parsed.title) ?? '', publisher);
  if (title === '') return { kind: 'not-an-article' };
  const author = meta.author ?? cleanAuthor(parsed.byline);
  const published = meta.published ?? normalizeDate(parsed.publishedTime);
  const language = meta.language ?? cleanText(parsed.lang);
  const url = meta.canonicalUrl ?? pageUrl;
  return {
    kind: 'article',
    draft: {
      meta: { title, ...definedFields({ author, publisher, url, published, language }) },
      body,
    },
  };
}
