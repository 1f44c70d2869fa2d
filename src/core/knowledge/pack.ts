import type { MessagePort } from 'node:worker_threads';
import type { Article, ArticleMeta } from '../types.js';
import { passageOf } from './blocks.js';

/**
 * A library's articles in a form that crosses to a worker thread cheaply. Posting the articles themselves copies
 * one object per passage and per sentence (and splits every passage's sentences on the way, as their getter is
 * read): at 100,000 passages that took seconds of the sending thread, pausing every answer. Packed, the passages'
 * text is one string and their numbers are typed arrays; what a passage derives (its id, its sentences) is derived
 * again on the other side, as the loader derives it.
 */
export interface PackedArticles {
  readonly articles: readonly { readonly slug: string; readonly file: string; readonly meta: ArticleMeta }[];
  /** Passages per article, in article order. */
  readonly passageCounts: Uint32Array<ArrayBuffer>;
  /** Every passage's text in library order, joined by `SEPARATOR`. */
  readonly text: string;
  /** Each passage's section as an index into `sections`, or -1 for none. */
  readonly sectionOf: Int32Array<ArrayBuffer>;
  readonly sections: readonly string[];
  readonly lines: Uint32Array<ArrayBuffer>;
}

/** A character no passage holds: the loader refuses a file with a NUL byte in it as binary (load.ts). */
const SEPARATOR = '\u0000';

export function packArticles(articles: readonly Article[]): PackedArticles {
  let total = 0;
  for (const article of articles) total += article.passages.length;
  const passageCounts = new Uint32Array(articles.length);
  const sectionOf = new Int32Array(total);
  const lines = new Uint32Array(total);
  const texts: string[] = [];
  const sections: string[] = [];
  const sectionIds = new Map<string, number>();
  let at = 0;
  articles.forEach((article, a) => {
    passageCounts[a] = article.passages.length;
    for (const passage of article.passages) {
      texts.push(passage.text);
      lines[at] = passage.line;
      const section = passage.section;
      if (section === undefined) sectionOf[at] = -1;
      else {
        let id = sectionIds.get(section);
        if (id === undefined) {
          id = sections.length;
          sectionIds.set(section, id);
          sections.push(section);
        }
        sectionOf[at] = id;
      }
      at += 1;
    }
  });
  return {
    articles: articles.map((a) => ({ slug: a.slug, file: a.file, meta: a.meta })),
    passageCounts,
    text: texts.join(SEPARATOR),
    sectionOf,
    sections,
    lines,
  };
}

/** The articles `packArticles` packed: equal passage for passage (ids, paragraphs, sections, text, lines). */
export function unpackArticles(packed: PackedArticles): Article[] {
  const texts = packed.text === '' && packed.lines.length === 0 ? [] : packed.text.split(SEPARATOR);
  if (texts.length !== packed.lines.length) throw new RangeError('packed passages and their texts differ in number');
  let at = 0;
  return packed.articles.map((entry, a) => {
    const passages = [];
    for (let paragraph = 1; paragraph <= packed.passageCounts[a]!; paragraph++, at++) {
      const section = packed.sectionOf[at]!;
      passages.push(
        passageOf({
          id: `${entry.slug}#${paragraph}`,
          articleSlug: entry.slug,
          paragraph,
          ...(section >= 0 ? { section: packed.sections[section]! } : {}),
          text: texts[at]!,
          line: packed.lines[at]!,
        }),
      );
    }
    return { ...entry, passages };
  });
}

/** The buffers of `packed`, to move rather than copy when it is posted. */
export const packedTransfer = (packed: PackedArticles): ArrayBuffer[] => [
  packed.passageCounts.buffer,
  packed.sectionOf.buffer,
  packed.lines.buffer,
];

/** Passages packed into one message: a few milliseconds of this thread's time to pack and to post. */
export const PASSAGES_PER_MESSAGE = 5_000;

/** What `postArticles` sends: the articles a group at a time, then the end. */
export type ArticlesMessage =
  | { readonly kind: 'articles'; readonly packed: PackedArticles }
  | { readonly kind: 'articles-end' };

/**
 * Posts `articles` to a worker a group of about `PASSAGES_PER_MESSAGE` passages at a time, letting this thread's
 * other work (answers) run between groups: packing and posting 100,000 passages at once held it for a quarter of a
 * second. `receiveArticles` on the other side puts them together again.
 */
export async function postArticles(
  port: { postMessage(value: ArticlesMessage, transfer: ArrayBuffer[]): void },
  articles: readonly Article[],
): Promise<void> {
  let group: Article[] = [];
  let passages = 0;
  const send = async (): Promise<void> => {
    const packed = packArticles(group);
    port.postMessage({ kind: 'articles', packed }, packedTransfer(packed));
    group = [];
    passages = 0;
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const article of articles) {
    group.push(article);
    passages += article.passages.length;
    if (passages >= PASSAGES_PER_MESSAGE) await send();
  }
  if (group.length > 0) await send();
  port.postMessage({ kind: 'articles-end' }, []);
}

/** The articles `postArticles` sends to this worker, in order, once the last has come. */
export function receiveArticles(port: MessagePort): Promise<Article[]> {
  return new Promise((resolve, reject) => {
    const articles: Article[] = [];
    const onMessage = (message: ArticlesMessage): void => {
      if (message.kind === 'articles-end') {
        port.off('message', onMessage);
        resolve(articles);
        return;
      }
      try {
        for (const article of unpackArticles(message.packed)) articles.push(article);
      } catch (error) {
        port.off('message', onMessage);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    port.on('message', onMessage);
  });
}
