import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTimeline, readTimelineSet } from '../tools/eval/timeline.js';

const SETS = path.resolve(import.meta.dirname, 'fixtures/timeline');

/**
 * Floors on the timeline set (`npm run eval -- --timeline FILE`). The held-apart part is not used to tune the
 * rules, only to report and to catch a regression; its floor is lower for that reason.
 */
describe('date extraction against the gold sentences', () => {
  it.each([
    ['dev.jsonl', 0.95],
    ['held-out.jsonl', 0.85],
  ])('%s scores an F1 of at least %d', async (file, floor) => {
    const cases = await readTimelineSet(path.join(SETS, file));
    const report = evaluateTimeline(cases);
    expect(report.overall.f1).toBeGreaterThanOrEqual(floor);
  });

  it('holds at least 120 sentences, covering every class, with sentences that must yield nothing', async () => {
    const cases = [
      ...(await readTimelineSet(path.join(SETS, 'dev.jsonl'))),
      ...(await readTimelineSet(path.join(SETS, 'held-out.jsonl'))),
    ];
    expect(cases.length).toBeGreaterThanOrEqual(120);
    expect(new Set(cases.map((c) => c.class))).toEqual(
      new Set([
        'absolute',
        'ago',
        'background',
        'decade',
        'event-date',
        'none',
        'partial-published',
        'relative-month',
        'relative-unit',
        'season',
        'span',
        'tense',
        'weekday',
        'yesterday-today',
      ]),
    );
    expect(cases.filter((c) => c.gold.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  it('scores a set by label: a wrong precision is both a miss and a false date', () => {
    const report = evaluateTimeline([
      { class: 'a', published: '2024-03-14', text: 'Prices rose last year.', gold: ['2023'] },
      { class: 'b', published: '2024-03-14', text: 'Prices rose last year.', gold: ['2023-01'] },
      { class: 'c', published: '2024-03-14', text: 'It lasted three years.', gold: [] },
    ]);
    expect(report.byClass).toMatchObject({
      a: { truePositives: 1, falsePositives: 0, falseNegatives: 0, f1: 1 },
      b: { truePositives: 0, falsePositives: 1, falseNegatives: 1, f1: 0 },
      c: { truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 },
    });
    expect(report.overall).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 1, f1: 0.5 });
  });
});
