/**
 * Which way a date without a year points from the day of publication: "will begin on April 7" is the next April 7,
 * "was agreed on April 7" the last one. Read from the verb nearest the date, in the same clause; no parser, only
 * the markers news prose uses.
 */

export type Tense = 'past' | 'future';

/** Future: an auxiliary or a word of schedule. Checked before the past, since "expected" and "planned" end in -ed. */
const FUTURE =
  /\b(?:will|won['’]t|shall|would|['’]ll|due|expected|expects|expect|scheduled|slated|poised|set\s+(?:to|for)|plans?\s+to|planned|planning|going\s+to|upcoming|intends?\s+to|aims?\s+to|is\s+to|are\s+to|forthcoming|tomorrow|next)\b/gi;
/** Past: the past of common irregular verbs (not those spelt like their present, "cut", "set", "put"), auxiliaries of the past and perfect, and regular -ed forms. */
const PAST =
  /\b(?:was|were|had|has|have|did|said|told|ago|yesterday|began|begun|fell|rose|grew|met|won|lost|took|came|went|made|left|became|gave|saw|found|held|ran|sold|paid|led|struck|spent|brought|built|chose|drew|drove|fought|flew|kept|knew|laid|sent|shot|spoke|stood|threw|wrote|broke|sank|swore|thought|bought|caught|taught|felt|heard|meant|withdrew|overtook|undertook|\p{L}{3,}ed)\b/giu;
/** Weak signs of a scheduled future, used only when no verb says otherwise: "runs until January 15". */
const WEAK_FUTURE_BEFORE = /\b(?:until|till|from|starting|effective|through)\s+$/i;
/** A clause ends at these: the verb of another clause says nothing about this date. */
const CLAUSE_EDGE = /[.;!?]|\s[-\u2013\u2014]\s/;
const WINDOW = 160;

interface Marker {
  readonly tense: Tense;
  readonly distance: number;
}

/**
 * The tense around `text.slice(start, end)`, or undefined when no marker is found. The verb before the date in its
 * clause decides ("will meet union leaders on Monday, his office said"); failing one, the verb after it ("Friday's
 * vote is expected").
 */
export function tenseAround(text: string, start: number, end: number): Tense | undefined {
  const before = clipBefore(text.slice(Math.max(0, start - WINDOW), start));
  const after = clipAfter(text.slice(end, end + WINDOW));
  const nearest =
    nearestMarker(findMarkers(before, (index, length) => before.length - index - length)) ??
    nearestMarker(findMarkers(after, (index) => index));
  if (nearest) return nearest.tense;
  return WEAK_FUTURE_BEFORE.test(text.slice(Math.max(0, start - 20), start)) ? 'future' : undefined;
}

function nearestMarker(markers: readonly Marker[]): Marker | undefined {
  return [...markers].sort((a, b) => a.distance - b.distance)[0];
}

function findMarkers(window: string, distanceOf: (index: number, length: number) => number): Marker[] {
  const markers: Marker[] = [];
  const futureAt = new Set<number>();
  for (const match of window.matchAll(FUTURE)) {
    futureAt.add(match.index);
    markers.push({ tense: 'future', distance: distanceOf(match.index, match[0].length) });
  }
  for (const match of window.matchAll(PAST)) {
    if (futureAt.has(match.index)) continue;
    markers.push({ tense: 'past', distance: distanceOf(match.index, match[0].length) });
  }
  return markers;
}

/** Before the date a comma or conjunction also starts a clause: "This year the city plans to finish it, and on June 1 the mayor said". */
const CLAUSE_START = new RegExp(`${CLAUSE_EDGE.source}|,|\\b(?:and|but|while|whereas)\\b`, 'g');

function clipBefore(window: string): string {
  let cut = 0;
  for (const match of window.matchAll(CLAUSE_START)) cut = match.index + match[0].length;
  return window.slice(cut);
}

function clipAfter(window: string): string {
  const edge = CLAUSE_EDGE.exec(window);
  return edge ? window.slice(0, edge.index) : window;
}

/** Pluperfect of background ("had been", "had risen"): what came before the news, not the news. */
const PLUPERFECT = /\bhad\b/i;
/** A past verb that tells of something done, not only a state ("was", "has") or a fact of background. */
const PAST_ACTION = new RegExp(
  PAST.source.replace('was|were|had|has|have|did|said|told|ago|yesterday|', 'said|told|'),
  'giu',
);
/** What a company or a person is, rather than what happened to them: "was founded", "is based", "was born". */
const BACKGROUND_VERB =
  /^(?:founded|born|established|created|formed|named|known|based|located|listed|owned|headquartered|called|considered|regarded|designed|married|educated|trained|used|needed|wanted|liked|loved|hated|seemed|appeared)$/i;

/**
 * Whether a sentence reports something that happened, in the past simple or present perfect ("Tesla cut prices",
 * "the bank has raised rates"): what a news report without a date in the sentence reports as the day's news.
 */
export function reportsPastEvent(sentence: string): boolean {
  if (PLUPERFECT.test(sentence) || sentence.trimEnd().endsWith('?')) return false;
  return [...sentence.matchAll(PAST_ACTION)].some((m) => !BACKGROUND_VERB.test(m[0]));
}

/** "up 5 percent from a year earlier", "compared with a year ago": the point a figure is compared with. */
export const COMPARED_WITH = /\b(?:from|with|than|versus|vs\.?|over|against|on|period)\s+$/i;
