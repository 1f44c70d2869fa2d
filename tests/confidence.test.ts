import { describe, expect, it } from 'vitest';
import { confidenceOf, judgeOutcome } from '../src/core/search/confidence.js';
import type { SearchHit } from '../src/core/search/types.js';

/** A hit with only the coverage set: all that judging an outcome reads. */
const hitCovering = (coverage: number): SearchHit => ({ coverage }) as SearchHit;

describe('confidence', () => {
  it.each([
    [1, 'high'],
    [0.75, 'high'],
    [0.749, 'medium'],
    [0.5, 'medium'],
    [0.499, 'low'],
    [0, 'low'],
  ] as const)('coverage %f is %s confidence', (coverage, confidence) => {
    expect(confidenceOf(coverage)).toBe(confidence);
  });

  it.each([
    [[], 'no-match'],
    [[0.44, 0.9], 'weak'],
    [[0.45], 'answer'],
    [[1, 0.1], 'answer'],
  ] as const)('hits covering %j make %s', (coverages, kind) => {
    expect(judgeOutcome('q', coverages.map(hitCovering)).kind).toBe(kind);
  });
});
