import matter from 'gray-matter';
import { Lexer, type Token, type Tokens } from 'marked';
import type { Block } from './blocks.js';

export interface ParsedSource {
  /** Front matter as written, not yet validated. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The first `# Heading` of the body, a fallback title when the front matter names none. */
  readonly heading?: string;
  readonly blocks: readonly Block[];
  /** The front matter as written, for checks the parsed values cannot answer (YAML rolls 2024-02-30 over to March). */
  readonly rawFrontMatter?: string;
}

/** Plain text of inline Markdown: emphasis and links keep their words, escapes their character. */
function inlineText(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens
    .map((token) => {
      if (token.type === 'br') return '\n';
      if ('tokens' in token && Array.isArray(token.tokens) && token.type !== 'text') {
        return inlineText(token.tokens as Token[], 'text' in token ? String(token.text) : '');
      }
      return 'text' in token ? String(token.text) : '';
    })
    .join('');
}

function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return lines;
}

/** Characters that can start inline Markdown (emphasis, links, code, HTML, escapes, entities), and hard breaks. */
const INLINE_CHARACTERS = /[\\`*_[\]!<>&~]/;
const hasInlineSyntax = (text: string): boolean => INLINE_CHARACTERS.test(text) || text.includes('  \n');

/**
 * `marked.lexer(source)`, except that the inline text of a block with no character of inline syntax is taken as
 * it is instead of being lexed: marked would return the same single text token, and lexing every paragraph of a
 * large library inline takes seconds. Built on the lexer's public steps, in the order `Lexer.lex` takes them.
 */
export function lexMarkdown(source: string): Token[] {
  const lexer = new Lexer();
  const tokens = lexer.blockTokens(source.replace(/\r\n|\r/g, '\n'), lexer.tokens);
  for (const queued of lexer.inlineQueue) {
    if (hasInlineSyntax(queued.src)) {
      lexer.state.inRawBlock = false;
      lexer.inlineTokens(queued.src, queued.tokens);
    } else {
      queued.tokens.push({ type: 'text', raw: queued.src, text: queued.src, escaped: false });
    }
  }
  lexer.inlineQueue = [];
  return tokens;
}

/**
 * Reads a Markdown article: YAML front matter (gray-matter), then the body through marked's lexer.
 * Headings become sections, paragraphs, quotations and list items become paragraphs; code and tables are
 * not prose and are left out. Throws when the front matter is not valid YAML: the loader reports it. (`lex` is
 * there for the test that holds `lexMarkdown` to marked's own lexer.)
 */
export function parseMarkdown(source: string, lex: (body: string) => Token[] = lexMarkdown): ParsedSource {
  const file = matter(source);
  const bodyStartLine = 1 + countLines(source.slice(0, source.length - file.content.length));
  const blocks: Block[] = [];
  let heading: string | undefined;

  const visit = (tokens: readonly Token[], startLine: number): void => {
    let cursor = startLine;
    for (const token of tokens) {
      const tokenLine = cursor + countLines(token.raw) - countLines(token.raw.trimStart());
      switch (token.type) {
        case 'heading': {
          const text = inlineText((token as Tokens.Heading).tokens, (token as Tokens.Heading).text).trim();
          if ((token as Tokens.Heading).depth === 1 && heading === undefined && blocks.length === 0) heading = text;
          else blocks.push({ kind: 'heading', text, line: tokenLine });
          break;
        }
        case 'paragraph': {
          const text = inlineText((token as Tokens.Paragraph).tokens, (token as Tokens.Paragraph).text).trim();
          if (text.length > 0) blocks.push({ kind: 'paragraph', text, line: tokenLine, separatorBefore: '\n\n' });
          break;
        }
        case 'blockquote':
          visit((token as Tokens.Blockquote).tokens, tokenLine);
          break;
        case 'list':
          for (const item of (token as Tokens.List).items) {
            const text = inlineText(item.tokens, item.text).trim();
            if (text.length > 0) blocks.push({ kind: 'paragraph', text, line: tokenLine });
          }
          break;
        default:
          break;
      }
      cursor += countLines(token.raw);
    }
  };

  visit(lex(file.content), bodyStartLine);
  return { data: file.data, ...(heading !== undefined ? { heading } : {}), blocks, rawFrontMatter: file.matter };
}
