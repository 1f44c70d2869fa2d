import { describe, expect, it } from 'vitest';
import { confidenceOf, judgeOutcome, marginOf } from '../src/core/search/confidence.js';
import type { ScoredPassage, SearchHit } from '../src/core/search/types.js';

/** A hit with only the coverage set: all that judging an outcome reads. */
const hitCovering = (coverage: number): SearchHit => ({ coverage }) as SearchHit;

describe('confidence', () => {
  it.each([
    [1, Infinity, 'high'],
    [0.75, 4, 'high'],
    [0.75, 3.99, 'medium'],
    [1, 1.2, 'medium'],
    [0.749, Infinity, 'medium'],
    [0.5, 1, 'medium'],
    [0.499, Infinity, 'low'],
    [0, Infinity, 'low'],
  ] as const)('coverage %f, %f times the next score, is %s confidence', (coverage, margin, confidence) => {
    expect(confidenceOf(coverage, margin)).toBe(confidence);
  });

  it.each([
    [[], Infinity, 'no-match'],
    [[0.34, 0.9], Infinity, 'weak'],
    [[0.35], Infinity, 'answer'],
    [[0.49, 0.1], 1.39, 'weak'],
    [[0.49, 0.1], 1.4, 'answer'],
    [[0.5, 0.5], 1, 'answer'],
    [[0.45], 3, 'answer'],
  ] as const)('hits covering %j, the best %f times the next score, make %s', (coverages, margin, kind) => {
    expect(judgeOutcome('q', coverages.map(hitCovering), margin).kind).toBe(kind);
  });

  it.each([
    [[6, 2, 1], 0, 3],
    [[6, 2, 1], 1, 2],
    [[6, 2, 1], 2, Infinity],
    [[6, 0], 0, Infinity],
  ])('the margin of %j at %i is %f', (scores, at, margin) => {
    const ranked = scores.map((score, doc): ScoredPassage => ({ doc, score, coverage: 1 }));
    expect(marginOf(ranked, at)).toBe(margin);
  });
});
