/**
 * The data model shared by every part of Footnote's core. Nothing here knows about Discord or the terminal.
 */

/** Front matter of a knowledge file; only `title` is required. */
export interface ArticleMeta {
  readonly title: string;
  readonly author?: string;
  readonly publisher?: string;
  readonly url?: string;
  /** As written in the file: `2024`, `2024-08` or `2024-08-23`. */
  readonly published?: string;
  readonly language?: string;
  /** Groups of words or phrases that search treats as one, e.g. `["BRI", "Belt and Road Initiative"]`. */
  readonly aliases: readonly (readonly string[])[];
}

export interface Article {
  /** File name without extension, lower-case kebab: the stable part of every passage id. */
  readonly slug: string;
  /** Path relative to the knowledge folder, for messages. */
  readonly file: string;
  readonly meta: ArticleMeta;
  readonly passages: readonly Passage[];
}

export interface Sentence {
  /** Verbatim text of the sentence, without surrounding white space. */
  readonly text: string;
  /** Offset of `text` inside the passage text. */
  readonly start: number;
}

export interface Passage {
  /** `<slug>#<paragraph>`: stable while the article's paragraphs keep their order. */
  readonly id: string;
  readonly articleSlug: string;
  /** 1-based paragraph number within the article; headings are not counted. */
  readonly paragraph: number;
  /** Heading of the section the paragraph sits in, if any. */
  readonly section?: string;
  /** Verbatim text. A lead-in joined with the quotation it introduces keeps the original line break. */
  readonly text: string;
  readonly sentences: readonly Sentence[];
  /** 1-based line in the source file where the paragraph starts, for validation messages. */
  readonly line: number;
}
