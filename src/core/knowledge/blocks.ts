import type { Passage, Sentence } from '../types.js';

/** What a parser hands on: headings and paragraphs in reading order, with the line each starts on. */
export type Block =
  | { readonly kind: 'heading'; readonly text: string; readonly line: number }
  | { readonly kind: 'paragraph'; readonly text: string; readonly line: number; readonly separatorBefore?: string };

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * A title that ICU's segmenter takes for the end of a sentence ("Dr. Samuel Okafor", "Gen. Patton"): what follows
 * it is the name it belongs to, not a new sentence. Single initials are left alone: "Plan B." ends sentences too.
 */
const BEFORE_NAME = /(?:^|[\s(])(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Fr|St|Mt|Gen|Col|Capt|Cmdr|Lt|Sgt|Adm|Sen|Rep|Gov|Pres|Hon)\.$/;

/** Splits a passage into sentences with offsets; white space between sentences is left out, text is untouched. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let joinNext = false;
  for (const { segment, index } of segmenter.segment(text)) {
    const leading = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (trimmed.length === 0) continue;
    const previous = sentences.at(-1);
    if (joinNext && previous) {
      sentences[sentences.length - 1] = { text: text.slice(previous.start, index + leading + trimmed.length), start: previous.start };
    } else {
      sentences.push({ text: trimmed, start: index + leading });
    }
    joinNext = BEFORE_NAME.test(trimmed);
  }
  return sentences;
}

/**
 * A passage whose sentences are split on first use. Splitting takes ICU's sentence segmenter a few dozen
 * microseconds per passage: seconds for a library of 100,000, at every start, for sentences that only the passages
 * a question finds (and /timeline's scan) ever read.
 */
export function passageOf(fields: Omit<Passage, 'sentences'>): Passage {
  let sentences: readonly Sentence[] | undefined;
  return {
    ...fields,
    get sentences(): readonly Sentence[] {
      sentences ??= splitSentences(fields.text);
      return sentences;
    },
  };
}

/**
 * A paragraph that ends with a comma or colon introduces what follows ("… glorified Beijing's economic policy,"
 * then the quoted words): alone it answers nothing, so it is kept with the quotation as one passage.
 */
function introducesQuotation(text: string): boolean {
  const last = text.trimEnd().at(-1);
  return last === ',' || last === ':';
}

/** Turns blocks into numbered passages: headings set the section, lead-ins join the paragraph after them. */
export function buildPassages(slug: string, blocks: readonly Block[]): Passage[] {
  const passages: Passage[] = [];
  let section: string | undefined;
  let pending: { text: string; line: number } | undefined;

  const flush = (): void => {
    if (!pending) return;
    const paragraph = passages.length + 1;
    passages.push(
      passageOf({
        id: `${slug}#${paragraph}`,
        articleSlug: slug,
        paragraph,
        ...(section !== undefined ? { section } : {}),
        text: pending.text,
        line: pending.line,
      }),
    );
    pending = undefined;
  };

  for (const block of blocks) {
    if (block.kind === 'heading') {
      flush();
      section = block.text;
      continue;
    }
    if (pending && introducesQuotation(pending.text)) {
      pending = { text: pending.text + (block.separatorBefore ?? '\n') + block.text, line: pending.line };
    } else {
      flush();
      pending = { text: block.text, line: block.line };
    }
  }
  flush();
  return passages;
}
