import type { Article, Passage } from './types.js';

export interface Citation {
  readonly articleSlug: string;
  readonly title: string;
  readonly author?: string;
  readonly publisher?: string;
  readonly section?: string;
  readonly paragraph: number;
  readonly passageId: string;
  /** The article's address with a text fragment that highlights the quoted words, when the article has a URL. */
  readonly url?: string;
}

const FRAGMENT_EDGE_WORDS = 4;
const FRAGMENT_WHOLE_WORDS = 8;

/** Text-fragment syntax gives `-`, `,` and `&` a meaning, so they are escaped beyond encodeURIComponent. */
function encodeFragmentPart(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/**
 * A link that scrolls to and highlights `quote` in the article (`#:~:text=start,end`), as browsers that support
 * text fragments do. A long quote is named by its first and last words, so the link stays short.
 */
export function linkToQuote(url: string, quote: string): string {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  const base = url.split('#')[0]!;
  if (words.length === 0) return base;
  const directive =
    words.length <= FRAGMENT_WHOLE_WORDS
      ? encodeFragmentPart(words.join(' '))
      : `${encodeFragmentPart(words.slice(0, FRAGMENT_EDGE_WORDS).join(' '))},${encodeFragmentPart(words.slice(-FRAGMENT_EDGE_WORDS).join(' '))}`;
  return `${base}#:~:text=${directive}`;
}

/** The citation of a passage; `quote` (a sentence of it) sets the highlight of the link. */
export function citePassage(
  article: Article,
  passage: Passage,
  quote: string = passage.sentences[0]?.text ?? passage.text,
): Citation {
  const { title, author, publisher, url } = article.meta;
  // A quote across a line break (a lead-in and its quotation) cannot be one text fragment: link its first line.
  const firstLine = quote.split('\n')[0] ?? quote;
  return {
    articleSlug: article.slug,
    title,
    ...(author !== undefined ? { author } : {}),
    ...(publisher !== undefined ? { publisher } : {}),
    ...(passage.section !== undefined ? { section: passage.section } : {}),
    paragraph: passage.paragraph,
    passageId: passage.id,
    ...(url !== undefined ? { url: linkToQuote(url, firstLine) } : {}),
  };
}
