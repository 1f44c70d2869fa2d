import { splitSentences } from './knowledge/blocks.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { answerQuestion, type ResultCard } from './reply.js';

/** A message is checked claim by claim from this many claims on; one claim is simply a question. */
export const MIN_CLAIMS_TO_SPLIT = 2;
/** The most claims checked in one message: a Discord message of 4,000 characters holds about this many sentences. */
export const MAX_CLAIMS = 30;
/** Fewer words than this ("Wow.", "So true!") say nothing a library could source. */
const MIN_CLAIM_WORDS = 3;
/** A list marker at the start of a line: "- ", "• ", "> ", "1. ", "2) ". */
const LIST_MARKER = /^(?:[-*•>]|\d{1,2}[.)])\s+/;

export interface CheckedClaim {
  readonly claim: string;
  /** The passage that supports it, or absent: the library has no source for it. */
  readonly source?: ResultCard;
}

/**
 * The claims of a message, in order: its sentences, a line at a time, since chat puts one point per line without
 * a full stop as often as it writes prose. List markers are dropped; too-short sentences are not claims.
 */
export function claimsOf(text: string): string[] {
  const claims: string[] = [];
  for (const line of text.split(/\n+/)) {
    const body = line.trim().replace(LIST_MARKER, '');
    for (const sentence of splitSentences(body)) {
      if (sentence.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= MIN_CLAIM_WORDS)
        claims.push(sentence.text);
    }
  }
  return claims.slice(0, MAX_CLAIMS);
}

/** Each claim with the passage that answers it best, when search calls that an answer and not a weak match. */
export function checkClaims(kb: KnowledgeBase, claims: readonly string[]): CheckedClaim[] {
  return claims.map((claim) => {
    const answer = answerQuestion(kb, claim, { limit: 1 });
    const source = answer.status === 'answer' ? answer.results[0] : undefined;
    return source ? { claim, source } : { claim };
  });
}
