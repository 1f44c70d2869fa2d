import type { DomDocument } from './dom.js';

/** What a page says about its article, read from its markup before extraction changes the tree. */
export interface PageMeta {
  readonly title?: string;
  readonly author?: string;
  readonly publisher?: string;
  readonly canonicalUrl?: string;
  readonly published?: string;
  readonly language?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPE = /Article$|^BlogPosting$|^Report$|^Posting$/;

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text with white space collapsed, or undefined when nothing is left. */
export function cleanText(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/** `By Jane Doe` → `Jane Doe`; an address (`article:author` is often one) is no name. */
export function cleanAuthor(value: string | null | undefined): string | undefined {
  const text = cleanText(value)
    ?.replace(/^by\s+/i, '')
    .trim();
  if (!text || /^https?:\/\//i.test(text) || text.length > 200) return undefined;
  return text;
}

/**
 * A page's date as front matter wants it. An ISO timestamp keeps the day as written (the publisher's own day,
 * not UTC's); any other form Date can read is taken in UTC.
 */
export function normalizeDate(value: string | null | undefined): string | undefined {
  const text = cleanText(value);
  if (!text) return undefined;
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T\s])/.exec(text);
  if (iso) {
    const [year, month = '01', day = '01'] = [iso[1], iso[2], iso[3]];
    const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
    const real = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${year}-${month}-${day}`;
    return real ? [iso[1], iso[2], iso[3]].filter((part) => part !== undefined).join('-') : undefined;
  }
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** `en_GB` → `en-GB`. */
function cleanLanguage(value: string | null | undefined): string | undefined {
  const text = cleanText(value)?.replace(/_/g, '-');
  return text && /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(text) ? text : undefined;
}

function httpUrl(value: string | null | undefined, base: string | undefined): string | undefined {
  const text = cleanText(value);
  if (!text) return undefined;
  try {
    const url = new URL(text, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Every object in the page's JSON-LD blocks, `@graph`s and arrays opened. A broken block is skipped. */
export function readJsonLd(document: DomDocument): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: Json): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      found.push(value);
      const graph = value['@graph'];
      if (graph !== undefined) visit(graph);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json);
    } catch {
      // A page's broken JSON-LD says nothing; its other metadata still counts.
    }
  }
  return found;
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** `"Jane"`, `{ "name": "Jane" }` or a list of them → `Jane, John`. */
function jsonLdNames(value: Json | undefined): string | undefined {
  const names = (Array.isArray(value) ? value : [value])
    .map((entry) => (typeof entry === 'string' ? entry : isObject(entry) ? entry.name : undefined))
    .map((name) => (typeof name === 'string' ? cleanAuthor(name) : undefined))
    .filter((name): name is string => name !== undefined);
  return names.length > 0 ? [...new Set(names)].join(', ') : undefined;
}

const jsonLdString = (value: Json | undefined): string | undefined =>
  typeof value === 'string' ? cleanText(value) : undefined;

function metaContent(document: DomDocument, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    for (const element of document.querySelectorAll(selector)) {
      const content = cleanText(element.getAttribute('content'));
      if (content) return content;
    }
  }
  return undefined;
}

/**
 * Title, author, publisher, canonical address, date and language, each from the most structured source that has
 * it: JSON-LD first, then `<meta>` tags, then the markup (`<time datetime>`, `<html lang>`).
 */
export function readPageMeta(document: DomDocument, pageUrl?: string): PageMeta {
  const ld = readJsonLd(document).find((object) => typesOf(object).some((type) => ARTICLE_TYPE.test(type)));
  const ldPublisher = ld?.publisher;

  const title =
    jsonLdString(ld?.headline) ?? metaContent(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']);
  const author =
    jsonLdNames(ld?.author) ??
    cleanAuthor(metaContent(document, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]']));
  const publisher =
    (isObject(ldPublisher) ? jsonLdString(ldPublisher.name) : jsonLdString(ldPublisher)) ??
    metaContent(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]']);
  const canonicalUrl =
    httpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), pageUrl) ??
    httpUrl(metaContent(document, ['meta[property="og:url"]']), pageUrl);
  const published =
    normalizeDate(jsonLdString(ld?.datePublished)) ??
    normalizeDate(
      metaContent(document, [
        'meta[property="article:published_time"]',
        'meta[itemprop="datePublished"]',
        'meta[name="date"]',
        'meta[name="pubdate"]',
      ]),
    ) ??
    normalizeDate(
      (document.querySelector('article time[datetime]') ?? document.querySelector('time[datetime]'))?.getAttribute(
        'datetime',
      ),
    );
  const language =
    cleanLanguage(document.documentElement.getAttribute('lang')) ??
    cleanLanguage(jsonLdString(ld?.inLanguage)) ??
    cleanLanguage(metaContent(document, ['meta[http-equiv="content-language"]', 'meta[property="og:locale"]']));

  return {
    ...(title !== undefined ? { title } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(publisher !== undefined ? { publisher } : {}),
    ...(canonicalUrl !== undefined ? { canonicalUrl } : {}),
    ...(published !== undefined ? { published } : {}),
    ...(language !== undefined ? { language } : {}),
  };
}
