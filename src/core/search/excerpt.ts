import type { Passage } from '../types.js';
import type { AnswerTest } from './answer-kind.js';
import { SEARCH_DEFAULTS } from './defaults.js';

/** A span of text, offsets relative to the passage text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The verbatim sentences shown for a hit, and where the matched words are inside them. */
export interface Excerpt {
  /** Exactly `passage.text.slice(start, end)`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Matched words, offsets relative to `text`. */
  readonly highlights: readonly Span[];
}

/** A query word found in a text: where, which query slot it satisfies, and how much that slot weighs. */
export interface WordMatch extends Span {
  readonly slot: number;
  readonly weight: number;
}

/**
 * Stage 5 of a search, with the matcher of highlight.ts: picks the one to three consecutive sentences that cover
 * the most query weight; an extra sentence must add something to be kept, so a one-sentence answer stays one
 * sentence.
 * `matchesIn` gives the query words found in a sentence's text, offsets relative to it. Then the window takes in
 * the sentence after it when that sentence completes it: after a lead-in that ends with a colon, or, for a question
 * that asks for a kind of answer (`answers`: a number, a date, a reason), when the window holds none and the next
 * sentence does: the answer is often the sentence after the one that repeats the question's words.
 */
export function selectExcerpt(
  passage: Passage,
  matchesIn: (text: string) => readonly WordMatch[],
  answers?: AnswerTest,
): Excerpt {
  const sentences = passage.sentences.length > 0 ? passage.sentences : [{ text: passage.text, start: 0 }];
  const perSentence = sentences.map((sentence) => {
    const slots = new Map<number, number>();
    const highlights: Span[] = [];
    for (const match of matchesIn(sentence.text)) {
      slots.set(match.slot, Math.max(slots.get(match.slot) ?? 0, match.weight));
      highlights.push({ start: sentence.start + match.start, end: sentence.start + match.end });
    }
    return { slots, highlights };
  });

  const windows: { from: number; to: number; score: number }[] = [];
  for (let from = 0; from < sentences.length; from++) {
    const covered = new Map<number, number>();
    for (let to = from; to < Math.min(sentences.length, from + SEARCH_DEFAULTS.maxExcerptSentences); to++) {
      for (const [slot, weight] of perSentence[to]!.slots) covered.set(slot, Math.max(covered.get(slot) ?? 0, weight));
      let score = 0;
      for (const weight of covered.values()) score += weight;
      windows.push({ from, to, score });
    }
  }
  // Among the windows that cover nearly the most, the shortest, then the earliest: a paragraph's opening sentence
  // usually states its point, and an extra sentence must add something to be shown.
  const top = Math.max(...windows.map((w) => w.score));
  const best = windows
    .filter((w) => w.score >= top * SEARCH_DEFAULTS.excerptShare)
    .sort((a, b) => a.to - a.from - (b.to - b.from) || a.from - b.from)[0] ?? { from: 0, to: 0 };

  const chosen = { from: best.from, to: best.to };
  const next = sentences[chosen.to + 1];
  if (next && chosen.to - chosen.from + 1 < SEARCH_DEFAULTS.maxExcerptSentences) {
    const window = sentences.slice(chosen.from, chosen.to + 1);
    const leadsIn = window.at(-1)!.text.endsWith(':');
    const answersNext = answers !== undefined && !window.some((x) => answers(x.text)) && answers(next.text);
    if (leadsIn || answersNext) chosen.to += 1;
  }
  const first = sentences[chosen.from]!;
  const last = sentences[chosen.to]!;
  const start = first.start;
  const end = last.start + last.text.length;
  const highlights = perSentence
    .slice(chosen.from, chosen.to + 1)
    .flatMap((s) => s.highlights)
    .map((h) => ({ start: h.start - start, end: h.end - start }));
  return { text: passage.text.slice(start, end), start, end, highlights };
}
