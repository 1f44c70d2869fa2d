import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DateBound,
  extractEvents,
  extractFigures,
  filterEvents,
  parseDateBound,
  sortEvents,
  type TimelineEvent,
} from '../src/core/facts/index.js';
import { loadLibrary, parseArticle } from '../src/core/knowledge/load.js';
import type { Article } from '../src/core/types.js';
import { MESSAGES } from '../src/messages.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const KNOWLEDGE = path.join(ROOT, 'knowledge');
const SECOND_MD = path.join(ROOT, 'tests/fixtures/second-article');
const SECOND_TXT = path.join(ROOT, 'tests/fixtures/second-article-txt');
const NEWS = path.join(ROOT, 'tests/fixtures/news-library');

function readArticle(dir: string, file: string): Article {
  const { article, problems } = parseArticle(file, readFileSync(path.join(dir, file), 'utf8'));
  if (!article) throw new Error(`${file} did not parse: ${JSON.stringify(problems)}`);
  return article;
}

function articleFrom(body: string, published?: string): Article {
  const front = `---\ntitle: Test\n${published === undefined ? '' : `published: ${published}\n`}---\n\n`;
  const { article } = parseArticle('test.md', front + body);
  if (!article) throw new Error('test article did not parse');
  return article;
}

function bound(text: string): DateBound {
  const parsed = parseDateBound(text);
  if ('error' in parsed) throw new Error(MESSAGES.dateBound(parsed.error));
  return parsed;
}

const seed = readArticle(KNOWLEDGE, 'belarus-balancing-act-with-china.md');
const seedEvents = extractEvents(seed);
const seedFigures = extractFigures(seed);
const trams = readArticle(SECOND_MD, 'velden-trams.md');
const tramsTxt = readArticle(SECOND_TXT, 'velden-trams.txt');

describe('extractEvents on the seed article (published 2024-08)', () => {
  // label, inferred, words the event's text must hold
  it.each([
    ['2016', false, 'In 2016, the two nations established a comprehensive strategic partnership'],
    ['2016', false, 'co-developed the Polonez multiple launch rocket system (MRLS) system in 2016'],
    ['2017', false, 'Belarus offered 22 state-owned enterprises for privatization'],
    ['2019', false, 'in 2019 China was among the top-three largest creditors for Belarus'],
    ['2020', false, 'the Belarusian 2020 controversial presidential election'],
    ['2020/2021', false, 'the United States and its allies imposed sanctions on Belarus'],
    ['2022-02', false, 'in February 2022, Minsk allowed Russia to use Belarusian territory'],
    ['2022', false, 'in 2022 Chinese investments in the Kazakh economy reached $1.4 billion'],
    ['2023', false, 'in 2023 China invested $1.7 billion in Kazakhstan'],
    ['2023-03', false, 'the China-Belarus friendship is “unbreakable”'],
    ['2023-12', false, 'Lukashenko expressed hope that China would “continue to develop and grow stronger”'],
    ['2020/2024', false, 'Lukashenko met with Chinese President Xi Jinping several times'],
    ['2024-07-04', true, 'the two nations conducted joint military drills on July 4th'],
    ['2024-08-15', true, '“Let’s sit down at the negotiating table and end this brawl,” he said on August 15'],
    ['2024-08-23', true, 'Li Qiang’s visit to Belarus on August 23'],
  ] as const)('%s (inferred: %s): %s', (label, inferred, words) => {
    const matches = seedEvents.filter((e) => e.date.label === label && e.text.includes(words));
    expect(matches).toHaveLength(1);
    expect(matches[0]?.date.inferred).toBe(inferred);
  });

  it('finds exactly these dates, in article order, including the attributive "2023 peace plan"', () => {
    expect(seedEvents.map((e) => e.date.label)).toEqual([
      '2016',
      '2023',
      '2022',
      '2024-07-04',
      '2016',
      '2024-08-23',
      '2017',
      '2019',
      '2020',
      '2022-02',
      '2020/2021',
      '2020/2024',
      '2023-03',
      '2023-12',
      '2023',
      '2024-08-15',
    ]);
  });

  it('gives each date of a two-date sentence its own clause', () => {
    const texts = (paragraph: number): string[] =>
      seedEvents.filter((e) => e.paragraph === paragraph).map((e) => e.text);
    expect(texts(3)).toEqual([
      'For comparison, in 2023 China invested $1.7 billion in Kazakhstan – Belarus’ ally in the Russian-led Collective Security Treaty Organization (CSTO) and the Eurasian Economic Union (EAE)',
      'in 2022 Chinese investments in the Kazakh economy reached $1.4 billion.',
    ]);
    expect(texts(4)).toEqual([
      'Although the two nations conducted joint military drills on July 4th',
      'co-developed the Polonez multiple launch rocket system (MRLS) system in 2016',
    ]);
  });

  it('reads "between 2020 and 2024" and "in 2020 and 2021" as one span each', () => {
    const spans = seedEvents
      .filter((e) => e.date.end !== undefined)
      .map((e) => [e.date.year, e.date.end?.year, e.date.precision]);
    expect(spans).toEqual([
      [2020, 2021, 'year'],
      [2020, 2024, 'year'],
    ]);
  });

  it('dates "December of that year" by the year the passage named last', () => {
    const december = seedEvents.find((e) => e.date.label === '2023-12');
    expect(december?.text.startsWith('in December of that year, Lukashenko')).toBe(true);
    expect(december?.date).toMatchObject({ year: 2023, month: 12, precision: 'month', inferred: false });
  });

  it('reads no date from durations or relative phrases', () => {
    const all = seedEvents.map((e) => e.text).join('\n');
    for (const phrase of ['In 30 years', 'recently agreed', 'Over the past two and a half years', 'to this day']) {
      expect(seedEvents.filter((e) => e.text.includes(phrase) && e.date.label !== '2016')).toEqual([]);
    }
    expect(all).not.toContain('Over the past two and a half years');
  });

  it('keeps section, paragraph and passage id', () => {
    const february = seedEvents.find((e) => e.date.label === '2022-02');
    expect(february).toMatchObject({
      section: 'Lukashenko’s Russian Ties',
      passageId: `${seed.slug}#8`,
      paragraph: 8,
      articleSlug: seed.slug,
    });
  });
});

describe('extractFigures on the seed article', () => {
  // display, amount, unit, kind, year the text gives, a topic word
  it.each([
    ['$2.6 billion', 2_600_000_000, 'USD', 'money', undefined, 'investments'],
    ['$1.7 billion', 1_700_000_000, 'USD', 'money', 2023, 'kazakhstan'],
    ['$1.4 billion', 1_400_000_000, 'USD', 'money', 2022, 'investments'],
    ['22 state-owned enterprises', 22, 'state-owned enterprises', 'count', 2017, 'privatization'],
    ['$1 billion', 1_000_000_000, 'USD', 'money', undefined, 'credit'],
  ] as const)('%s → %d %s (%s, year %s, about %s)', (display, amount, unit, kind, year, topic) => {
    const figure = seedFigures.find((f) => f.display === display);
    expect(figure).toMatchObject({ amount, unit, kind });
    expect(figure?.year).toBe(year);
    expect(figure?.topic).toContain(topic);
  });

  it('finds exactly these figures: "30 years" is a duration and years are not counts', () => {
    expect(seedFigures.map((f) => f.display)).toEqual([
      '$2.6 billion',
      '$1.7 billion',
      '$1.4 billion',
      '22 state-owned enterprises',
      '$1 billion',
    ]);
  });

  it('quotes the whole sentence and points at the figure inside it', () => {
    const credit = seedFigures.find((f) => f.display === '$1 billion');
    expect(credit?.text).toBe(
      'After the Kremlin effectively helped President Alexander Lukashenko crackdown on mass protests, Russia approved a $1 billion credit to its ally.',
    );
    expect(credit?.section).toBe('Lukashenko’s Russian Ties');
  });
});

describe('a second article, on another subject, with no code change', () => {
  const events = extractEvents(trams);
  const figures = extractFigures(trams);

  it('finds its dates, spans, clauses, the date without a year and those relative to publication (2021-06-10)', () => {
    expect(events.map((e) => [e.date.label, e.date.inferred, e.text])).toEqual([
      [
        '1895-09-01',
        false,
        'The first horse-drawn tram in Velden ran on 1 September 1895, between the harbour and the cathedral square.',
      ],
      ['1904', false, 'Electric cars replaced the horses in 1904'],
      ['1913', false, 'by 1913 the network had grown to 9 lines.'],
      [
        '1958/1974',
        false,
        'From 1958 to 1974 the city closed most of its routes, arguing that buses were cheaper to run.',
      ],
      [
        '1974-03',
        false,
        'The last tram of the old network left the depot in March 1974; that winter the rails on Harbour Street were paved over.',
      ],
      ['1995', false, 'The revival began in 1995, when the council set aside €300 million for a light-rail plan.'],
      ['1997', false, 'A loan of US$ 45 million from an American pension fund followed in 1997'],
      ['1999', false, 'the European Investment Bank lent 80 million euros in 1999.'],
      ['2008', false, 'The 2008 financial crisis delayed the second phase by 3 years.'],
      ['2003-05-12', false, 'Line 5 opened on 12 May 2003 with 24 low-floor trams built in Plzeň.'],
      [
        '2015/2019',
        false,
        'Between 2015 and 2019, the network was extended by 14 kilometres at a cost of $2.1 billion.',
      ],
      ['2021-03', true, 'Work on a sixth line started last March.'],
      ['2021', true, 'This year the city plans to finish it'],
      ['2021-06-01', true, 'on June 1 the mayor said the first rails on the bridge would be laid “before winter”.'],
    ]);
  });

  it('finds money in euros and dollars and counted things, each with the year its clause gives', () => {
    expect(figures.map((f) => [f.display, f.amount, f.unit, f.kind, f.year])).toEqual([
      ['9 lines', 9, 'lines', 'count', 1913],
      ['€300 million', 300_000_000, 'EUR', 'money', 1995],
      ['US$ 45 million', 45_000_000, 'USD', 'money', 1997],
      ['80 million euros', 80_000_000, 'EUR', 'money', 1999],
      ['24 low-floor trams', 24, 'low-floor trams', 'count', 2003],
      ['1,200 drivers', 1_200, 'drivers', 'count', undefined],
      ['$2.1 billion', 2_100_000_000, 'USD', 'money', undefined],
    ]);
  });

  it('reads the plain-text copy the same way, but leaves out what needs the published date it lacks', () => {
    const fromMarkdown = events.filter((e) => !e.date.inferred).map((e) => [e.date.label, e.text]);
    expect(extractEvents(tramsTxt).map((e) => [e.date.label, e.text])).toEqual(fromMarkdown);
    expect(extractFigures(tramsTxt).map((f) => f.display)).toEqual(figures.map((f) => f.display));
  });
});

describe('dates chrono-node reads or is kept from reading', () => {
  it.each([
    ['It opened on 3 May 1998.', '1998-05-03'],
    ['From March to May 2021 it was closed.', '2021-03/2021-05'],
    ['It ran from March 2021 to June 2022.', '2021-03/2022-06'],
    ['Sanctions followed in 2020, 2021 and 2022.', '2020/2022'],
    ['The 1998–2004 government fell.', '1998/2004'],
    ['In mid-2020 it grew.', '2020'],
    ['It was built in the summer of 1998.', '1998'],
    ['It happened in 2019. In December of that year it ended.', '2019,2019-12'],
    ['He met her on 25/06/2010.', '2010-06-25'],
    ['On Feb. 24, 2022, Russia invaded Ukraine.', '2022-02-24'],
    ['He met her on 05/06/2010.', ''],
    ['In 30 years it grew. Last March it rained. Protesters march on. It happened recently, this year.', ''],
    ['Some 2000 people came on Monday at 5pm.', ''],
    ['In December of that year it ended.', ''],
  ])('%s → %s', (body, labels) => {
    expect(
      extractEvents(articleFrom(body))
        .map((e) => e.date.label)
        .join(','),
    ).toBe(labels);
  });

  it('dates a day without a year by the published year, and leaves it out when there is none', () => {
    const body = 'The bridge opened on July 4th. Repairs ran from June 2 to June 5.';
    expect(extractEvents(articleFrom(body, '2019')).map((e) => [e.date.label, e.date.inferred])).toEqual([
      ['2019-07-04', true],
      ['2019-06-02/2019-06-05', true],
    ]);
    expect(extractEvents(articleFrom(body))).toEqual([]);
  });

  it('places a date without a year on or before publication: an article reports what has happened', () => {
    const body = 'Talks began on December 5. They ended on August 23. A visit followed on August 30.';
    expect(extractEvents(articleFrom(body, '2024-08')).map((e) => e.date.label)).toEqual([
      '2023-12-05',
      '2024-08-23',
      '2024-08-30',
    ]);
    expect(extractEvents(articleFrom(body, '2024-08-25')).map((e) => e.date.label)).toEqual([
      '2023-12-05',
      '2024-08-23',
      '2023-08-30',
    ]);
  });
});

describe('extractFigures on varied money and counts', () => {
  it.each([
    ['They paid £5m.', '£5m', 5_000_000, 'GBP'],
    ['A loan of US$ 2 billion.', 'US$ 2 billion', 2_000_000_000, 'USD'],
    ['It cost 2.6 billion dollars.', '2.6 billion dollars', 2_600_000_000, 'USD'],
    ['It cost €300 million.', '€300 million', 300_000_000, 'EUR'],
    ['It cost EUR 40 million.', 'EUR 40 million', 40_000_000, 'EUR'],
    ['It cost 12 billion yuan.', '12 billion yuan', 12_000_000_000, 'CNY'],
    ['It sold 1.5 million tickets.', '1.5 million tickets', 1_500_000, 'tickets'],
    ['It hired 1,200 new workers.', '1,200 new workers', 1_200, 'new workers'],
    ['Some 40 Chinese companies came.', '40 Chinese companies', 40, 'Chinese companies'],
  ])('%s → %s', (body, display, amount, unit) => {
    expect(extractFigures(articleFrom(body)).map((f) => [f.display, f.amount, f.unit])).toEqual([
      [display, amount, unit],
    ]);
  });

  it.each([
    'It lasted 30 years.',
    'The line is 14 kilometres long and 40 percent full.',
    'Line 5 opens soon; Article 22 applies.',
    'It weighed 300 pounds of grain.',
    'In 2016 elections were held.',
    'Some 2000 people came.',
    'Three companies came.',
  ])('finds no figure in: %s', (body) => {
    expect(extractFigures(articleFrom(body))).toEqual([]);
  });
});

describe('sortEvents', () => {
  it('orders by date, a bare year before its months, same dates in article order', () => {
    expect(sortEvents(seedEvents).map((e) => e.date.label)).toEqual([
      '2016',
      '2016',
      '2017',
      '2019',
      '2020',
      '2020/2021',
      '2020/2024',
      '2022',
      '2022-02',
      '2023',
      '2023',
      '2023-03',
      '2023-12',
      '2024-07-04',
      '2024-08-15',
      '2024-08-23',
    ]);
    const twentySixteen = sortEvents(seedEvents).filter((e) => e.date.label === '2016');
    expect(twentySixteen.map((e) => e.paragraph)).toEqual([2, 4]);
  });

  it('does not change its input', () => {
    const copy = [...seedEvents];
    sortEvents(seedEvents);
    expect(seedEvents).toEqual(copy);
  });
});

describe('filterEvents', () => {
  const labels = (events: readonly TimelineEvent[]): string[] => events.map((e) => e.date.label);

  it.each<[{ from?: string; to?: string }, string[]]>([
    [{ from: '2021', to: '2021' }, ['2020/2021', '2020/2024']],
    [{ from: '2024-08' }, ['2024-08-23', '2020/2024', '2024-08-15']],
    [{ to: '2016' }, ['2016', '2016']],
    [{ from: 'February 2022', to: '24 Feb 2022' }, ['2022', '2022-02', '2020/2024']],
    [{ from: '2023-03-01', to: '2023-03-31' }, ['2023', '2020/2024', '2023-03', '2023']],
  ])('%o keeps %o (spans that overlap count)', (range, expected) => {
    const filter = {
      ...(range.from !== undefined ? { from: bound(range.from) } : {}),
      ...(range.to !== undefined ? { to: bound(range.to) } : {}),
    };
    expect(labels(filterEvents(seedEvents, filter))).toEqual(expected);
  });

  it('matches "about" as whole words: Xi finds Xi Jinping, not Xinjiang', () => {
    const article = articleFrom(
      'In 2019 officials toured Xinjiang. In 2020 Xi Jinping visited Minsk. In 2021 Xi’s envoy came.',
    );
    expect(labels(filterEvents(extractEvents(article), { about: 'Xi' }))).toEqual(['2020', '2021']);
    expect(labels(filterEvents(seedEvents, { about: 'xi jinping' }))).toEqual(['2020/2024']);
  });

  it('ignores case and diacritics, and also searches the rest of the sentence', () => {
    expect(labels(filterEvents(extractEvents(trams), { about: 'PLZEN' }))).toEqual(['2003-05-12']);
    // The March 2023 clause does not name Lukashenko; its sentence does.
    expect(labels(filterEvents(seedEvents, { about: 'lukashenko' }))).toEqual([
      '2020/2024',
      '2023-03',
      '2023-12',
      '2023',
    ]);
  });

  it('keeps one article', () => {
    const both = [...seedEvents, ...extractEvents(trams)];
    expect(filterEvents(both, { article: trams.slug })).toHaveLength(14);
    // The July 4th clause shares its sentence with the Polonez one, so both match.
    expect(filterEvents(both, { article: seed.slug, about: 'Polonez' }).map((e) => e.date.label)).toEqual([
      '2024-07-04',
      '2016',
    ]);
  });
});

describe('parseDateBound', () => {
  it.each([
    ['2020', { year: 2020, precision: 'year', label: '2020' }],
    ['2020-05', { year: 2020, month: 5, precision: 'month', label: '2020-05' }],
    ['2022-02-24', { year: 2022, month: 2, day: 24, precision: 'day', label: '2022-02-24' }],
    ['February 2022', { year: 2022, month: 2, precision: 'month', label: '2022-02' }],
    ['24 Feb 2022', { year: 2022, month: 2, day: 24, precision: 'day', label: '2022-02-24' }],
    ['  Feb 24, 2022 ', { year: 2022, month: 2, day: 24, precision: 'day', label: '2022-02-24' }],
  ])('%s → %o', (text, expected) => {
    expect(parseDateBound(text)).toEqual(expected);
  });

  it.each([
    ['', 'Give a date'],
    ['banana', 'not a date I can read'],
    ['2022-02-30', 'not a date I can read'],
    ['2020-13', 'not a date I can read'],
    ['February', 'has no year'],
    ['yesterday', 'relative to today'],
    ['March to May 2021', 'is a range'],
    ['05/06/2010', 'day/month or month/day'],
    ['x'.repeat(500), 'not a date I can read'],
  ])('%s → an error that says %s', (text, words) => {
    const result = parseDateBound(text);
    expect('error' in result && MESSAGES.dateBound(result.error)).toContain(words);
  });
});

/** Every fact quotes its passage exactly: `text` is what the passage holds at `start`. */
function expectVerbatim(article: Article): void {
  const passages = new Map(article.passages.map((p) => [p.id, p]));
  for (const event of extractEvents(article)) {
    const passage = passages.get(event.passageId);
    expect(passage?.text.slice(event.start, event.start + event.text.length)).toBe(event.text);
    expect(passage?.text.includes(event.sentence) && event.sentence.includes(event.text)).toBe(true);
    expect(event.text.length).toBeGreaterThan(0);
  }
  for (const figure of extractFigures(article)) {
    const passage = passages.get(figure.passageId);
    expect(passage?.text.slice(figure.start, figure.start + figure.text.length)).toBe(figure.text);
    expect(passage?.text.slice(figure.displayStart, figure.displayStart + figure.display.length)).toBe(figure.display);
    expect(Number.isFinite(figure.amount)).toBe(true);
  }
}

describe('every event and figure is verbatim', () => {
  it('in every article: the knowledge folder and the fixtures', async () => {
    const libraries = await Promise.all([KNOWLEDGE, SECOND_MD, SECOND_TXT, NEWS].map((dir) => loadLibrary(dir)));
    const articles = libraries.flatMap((l) => l.articles);
    expect(articles.length).toBeGreaterThanOrEqual(6);
    for (const article of articles) expectVerbatim(article);
  });

  const FRAGMENTS = [
    'In 2016,',
    'in 2020 and 2021',
    'between 1999 and 2004',
    'on July 4th',
    'August 23',
    'in February 2022',
    'March',
    'December of that year',
    '$2.6 billion',
    '€300 million',
    '£5m',
    'US$ 2 billion',
    '2.6 billion dollars',
    '22 state-owned enterprises',
    '30 years',
    '1,200 workers',
    '2023 peace plan',
    'the',
    'Xi Jinping',
    'Plzeň',
    '“unbreakable”',
    '–',
    ',',
    '.',
    ';',
    ' and ',
    'while',
    '05/06/2010',
    '1998–2004',
    'Feb.',
    '24',
    '2022',
    '\n',
    '> ',
    '# ',
    '**',
    '`',
    '…',
    '👍🏽',
    'e\u0301',
    '\u05e9\u05dc\u05d5\u05dd',
    '   ',
  ];
  const RELATIVE_FRAGMENTS = [
    'on Thursday',
    'last year',
    'two years ago',
    'earlier this month',
    'the 1990s',
    '1998-99',
    'the first half of 2023',
    'between March and May 2020',
    'will begin on April 7',
    'last May',
    'over the weekend',
    'since 2001',
  ];
  const paragraph = fc
    .array(
      fc.oneof(
        fc.constantFrom(...FRAGMENTS, ...RELATIVE_FRAGMENTS),
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 6 }),
      ),
      { maxLength: 25 },
    )
    .map((parts) => parts.join(' '));

  it('on arbitrary paragraphs, never throwing', () => {
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(undefined, '2024-08', '2024-08-15'),
        (paragraphs, published) => {
          const { article } = parseArticle(
            'generated.md',
            `---\ntitle: Generated\n${published ? `published: ${published}\n` : ''}---\n\n${paragraphs.join('\n\n')}\n`,
          );
          if (!article) return;
          expectVerbatim(article);
        },
      ),
      { numRuns: 300 },
    );
  });
});
