import { describe, expect, it } from 'vitest';
import { extractEvents } from '../src/core/facts/index.js';
import { parseArticle } from '../src/core/knowledge/load.js';
import type { Article } from '../src/core/types.js';

function articleFrom(body: string, published?: string): Article {
  const front = `---\ntitle: Test\n${published === undefined ? '' : `published: ${published}\n`}---\n\n`;
  const { article } = parseArticle('test.md', front + body);
  if (!article) throw new Error('test article did not parse');
  return article;
}

/** Labels of the events of `body`, joined, as an article published on `published`. */
function labels(body: string, published?: string): string {
  return extractEvents(articleFrom(body, published))
    .map((e) => e.date.label)
    .join(',');
}

// 2024-03-14 is a Thursday.
const THURSDAY = '2024-03-14';

describe('dates relative to a publication day', () => {
  it('reads "on Thursday", "last year" and "two years ago" as three events, each marked resolved from publication', () => {
    const events = extractEvents(
      articleFrom('The board met on Thursday. Profits fell last year. The mine closed two years ago.', '2024-03-15'),
    );
    expect(events.map((e) => [e.date.label, e.date.precision, e.date.inferred, e.date.resolvedFrom])).toEqual([
      ['2024-03-14', 'day', true, 'publication'],
      ['2023', 'year', true, 'publication'],
      ['2022', 'year', true, 'publication'],
    ]);
  });

  it.each([
    ['Shares fell on Wednesday.', '2024-03-13'],
    ['Police said on Thursday that two men were arrested.', '2024-03-14'],
    ['The minister will visit on Monday.', '2024-03-18'],
    ['Friday’s vote is expected to be close.', '2024-03-15'],
    ['Troops withdrew last Friday.', '2024-03-08'],
    ['The talks resume next Thursday.', '2024-03-21'],
    ['Flights were cancelled yesterday.', '2024-03-13'],
    ['The court ruled today that the deal was void.', '2024-03-14'],
    ['Fire crews stayed at the scene last night.', '2024-03-13'],
    ['The results come out tomorrow.', '2024-03-15'],
    ['The regulator opened an inquiry last week.', '2024-03-04/2024-03-10'],
    ['Parliament was dissolved this week.', '2024-03-11/2024-03-17'],
    ['Leaders meet next week.', '2024-03-18/2024-03-24'],
    ['Inflation rose last month.', '2024-02'],
    ['Earlier this month the council voted.', '2024-03'],
    ['A decision is expected later this month.', '2024-03'],
    ['The line opens next year.', '2025'],
    ['The ministry cut spending this fiscal year.', '2024'],
    ['She joined three months ago.', '2023-12'],
    ['He was freed five days ago.', '2024-03-09'],
    ['Two weeks ago the army retook the town.', '2024-02-26/2024-03-03'],
    ['The firm went bankrupt last May.', '2023-05'],
    ['Early last September the offensive began.', '2023-09'],
    ['He was appointed last January.', '2024-01'],
    ['The referendum is next March.', '2025-03'],
    ['Voters go to the polls this November.', '2024-11'],
    ['The plant opens this summer.', '2024'],
    ['The talks collapsed last autumn.', '2023'],
    ['It was bitter last winter.', ''],
    ['Today the network runs twelve lines.', ''],
    ['Over the last year prices doubled.', ''],
    ['Shoppers queued on Black Friday.', ''],
    ['The Sunday Times reported the leak.', ''],
  ])('%s → %s', (body, expected) => {
    expect(labels(body, THURSDAY)).toBe(expected);
  });

  it.each([
    ['2024-08', 'The minister resigned on Thursday.', ''],
    ['2024-08', 'Exports fell last year.', '2023'],
    ['2024-08', 'Exports fell last month.', '2024-07'],
    ['2024', 'Prices rose last month.', ''],
    ['2024', 'Prices rose last year.', '2023'],
    [undefined, 'Prices rose last year and on Monday.', ''],
  ])('published %s: %s → %s (never more precise than the publication date)', (published, body, expected) => {
    expect(labels(body, published)).toBe(expected);
  });

  it('reads "this month" from the publication date, never from chrono’s own reference date', () => {
    expect(labels('Talks began earlier this month.', '2024-08')).toBe('2024-08');
    expect(labels('Talks began earlier this month.')).toBe('');
  });
});

describe('the tense decides which way a date without a year points', () => {
  it.each([
    ['The hearing will begin on April 7.', '2024-04-07'],
    ['The ceasefire was agreed on April 7.', '2023-04-07'],
    ['The first shipment is due in May.', '2024-05'],
    ['Prices rose sharply in May, the report said.', '2023-05'],
    ['The exhibition runs until January 15.', '2025-01-15'],
    ['The tax cut takes effect from September 1.', '2024-09-01'],
    ['The summit, planned for December 3, will gather 40 leaders.', '2024-12-03'],
    ['The government said it would hold a vote in October.', '2024-10'],
    ['The strike will begin on Monday, the union said on Wednesday.', '2024-03-18,2024-03-13'],
  ])('%s → %s', (body, expected) => {
    expect(labels(body, THURSDAY)).toBe(expected);
  });
});

describe('dates counted from the date stated before them, never from publication', () => {
  it.each([
    ['The plant exploded on 3 May 1998. The next day the mayor resigned.', '1998-05-03,1998-05-04'],
    ['She was elected in 2010 and re-elected four years later.', '2010,2014'],
    ['The treaty was signed in March 2001; a month later it was ratified.', '2001-03,2001-04'],
    ['In 2010 he moved to Paris. The following year he returned.', '2010,2011'],
    ['In 2015 the firm was sold. A year earlier it had lost money.', '2015,2014'],
    ['The strike began on March 1 and ended two days later.', '2024-03-01,2024-03-03'],
    ['In 2010 he moved. Two days later he left.', '2010'],
    ['Prices rose. The next day they fell.', ''],
    ['In 2015 sales rose 5 percent from a year earlier.', '2015'],
    ['Sales rose 5 percent compared with a year ago.', ''],
  ])('%s → %s', (body, expected) => {
    expect(labels(body, THURSDAY)).toBe(expected);
  });
});

describe('spans and decades', () => {
  it.each([
    ['Exports grew in 1998-99.', '1998/1999'],
    ['The club won the title in 2009–10.', '2009/2010'],
    ['The 2015/16 season was poor.', '2015/2016'],
    ['Sales fell in 2020-05.', ''],
    ['From 2014 to 2016 she was minister.', '2014/2016'],
    ['The plant was shut between March and May 2020.', '2020-03/2020-05'],
    ['Roads closed between November and February 2021.', '2020-11/2021-02'],
    ['Growth slowed in the first half of 2023.', '2023-01/2023-06'],
    ['Output fell in the second half of 2024.', '2024-07/2024-12'],
    ['Profits rose in the third quarter of 2022.', '2022-07/2022-09'],
    ['Profits rose in Q4 2022.', '2022-10/2022-12'],
    ['The population halved in the 1990s.', '1990s'],
    ['Prices climbed in the mid-2000s.', '2000s'],
    ['The law dates from the early ’70s.', '1970s'],
  ])('%s → %s', (body, expected) => {
    expect(labels(body, THURSDAY)).toBe(expected);
  });
});

describe('the date belongs to the event', () => {
  it.each([
    ['Mr Alvarez, who played in the 1986 squad, resigned last October.', '2023-10'],
    ['The minister, a veteran of the 2008 campaign, was sacked on Tuesday.', '2024-03-12'],
    ['The 2016 election was won narrowly.', '2016'],
    ['That cold March morning in 2009, the reactor was shut down.', '2009-03'],
    ['On a grey afternoon in November 2019, the last train left.', '2019-11'],
    ['Inflation fell to 1.9 percent in February, the lowest level since 2001.', '2024-02'],
    ['It was the first time since 2012 that the party won the city.', ''],
    ['Rates have been high since 2019.', '2019'],
  ])('%s → %s', (body, expected) => {
    expect(labels(body, THURSDAY)).toBe(expected);
  });

  it.each([
    'The government deployed 1,200 troops to the border.',
    'The candidate received 2016 votes.',
    'She has worked there for three years.',
    'The 62-year-old was treated in hospital.',
    'The factory now employs 450 people.',
    'After a decade of decline, the port is busy again.',
    'The agency expects growth within five years.',
    'Theresa May said the deal was dead.',
  ])('reads no date from: %s', (body) => {
    expect(labels(body, THURSDAY)).toBe('');
  });
});
