/** What an added article's front matter says: the fields `knowledge:check` reads, and where it came from. */
export interface DraftMeta {
  readonly title: string;
  readonly author?: string;
  readonly publisher?: string;
  /** The page's canonical address (or where the last redirect led). */
  readonly url?: string;
  /** The link as it was given, when it differs from `url`: a second key for finding the file again. */
  readonly source?: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  readonly published?: string;
  readonly language?: string;
  /** Day the article was read (`YYYY-MM-DD`). */
  readonly retrieved?: string;
  readonly aliases?: readonly string[];
}

/** An article ready to be written: front matter fields and a Markdown body. */
export interface ArticleDraft {
  readonly meta: DraftMeta;
  readonly body: string;
}

const FIELD_ORDER = ['title', 'author', 'publisher', 'url', 'source', 'published', 'language', 'retrieved'] as const;
const MAX_FILE_NAME_LENGTH = 60;

/**
 * The file's text: YAML front matter, then the body. Every value is written as a JSON string, which is a valid
 * YAML double-quoted scalar, so a title with a colon, a quote or a leading `-` needs no further care.
 */
export function renderArticleFile(draft: ArticleDraft): string {
  const lines = ['---'];
  for (const key of FIELD_ORDER) {
    const value = draft.meta[key];
    if (value !== undefined && value !== '') lines.push(`${key}: ${JSON.stringify(value)}`);
  }
  if (draft.meta.aliases !== undefined && draft.meta.aliases.length > 0) {
    lines.push('aliases:', ...draft.meta.aliases.map((alias) => `  - ${JSON.stringify(alias)}`));
  }
  lines.push('---', '');
  return `${lines.join('\n')}\n${draft.body.trim()}\n`;
}

/** `The Article's Title: A Subtitle` → `the-article-s-title-a-subtitle.md`, cut at a word near 60 characters. */
export function fileNameFor(title: string): string {
  let slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (slug.length > MAX_FILE_NAME_LENGTH) {
    const cut = slug.lastIndexOf('-', MAX_FILE_NAME_LENGTH);
    slug = slug.slice(0, cut > 20 ? cut : MAX_FILE_NAME_LENGTH);
  }
  return `${slug || 'article'}.md`;
}
