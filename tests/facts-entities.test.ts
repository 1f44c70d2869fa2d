import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { timeline } from '../commands/timeline.js';
import { entityLexicon, entityMatcher, extractEvents } from '../src/core/facts/index.js';
import { findAcronymDefinitions, findNames } from '../src/core/facts/entities.js';
import { reportsPastEvent } from '../src/core/facts/tense.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import type { ListReply, Reply } from '../src/core/reply.js';
import { renderTerminal } from '../src/console/render.js';
import { reportEvents } from '../src/core/facts/index.js';

const NEWS = path.resolve(import.meta.dirname, 'fixtures/news-library');
const KNOWLEDGE = path.resolve(import.meta.dirname, '../knowledge');

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.load(NEWS);
});

function asList(reply: Reply): ListReply {
  if (reply.kind !== 'list') throw new Error(`expected a list, got ${reply.kind}`);
  return reply;
}

async function run(options: Record<string, string>, base = (): KnowledgeBase => kb): Promise<ListReply> {
  return asList(await timeline.execute({ options }, { kb: base(), commands: COMMANDS }));
}

describe('finding a name in a sentence', () => {
  const lexicon = (): ReturnType<typeof entityLexicon> => entityLexicon(kb.articles, kb.library.aliases);

  it.each([
    ['Arkon', 'Arkon cut prices.', true],
    ['arkon', 'Arkon’s chief executive resigned.', true],
    ['Arkon', 'Arkon Automotive reported a loss.', true],
    ['Arkon Automotive', 'Arkon said on Monday it would cut jobs.', true],
    ['Arkon', 'Sales of the Arkon Model 3 fell.', false],
    ['Arkon', 'The Arkon Foundation gave a grant.', false],
    ['Arkon', 'Arkon Inc. filed its accounts.', true],
    ['Arkon Model 3', 'Sales of the Arkon Model 3 fell.', true],
    ['BCB', 'The Baltic Central Bank raised rates.', true],
    ['Baltic Central Bank', 'The BCB held rates.', true],
    ['BCB', 'The bcb said nothing.', false],
    ['SkyLink', 'Sky Link launched 20 satellites.', true],
    ['Sky Link', 'SkyLink’s first satellite flew in 2019.', true],
    ['Sky-Link', 'SkyLink launched.', true],
    ['SkyLink', 'SkyLink Motors gained market share.', false],
    ['Xi', 'Xi Jinping visited Minsk.', true],
    ['Xi', 'Officials toured Xinjiang.', false],
  ])('%s in "%s" → %s', (name, text, expected) => {
    expect(entityMatcher(name, lexicon())(text)).toBe(expected);
  });

  it.each([
    ['Chinese President Xi Jinping met Lukashenko.', ['Xi Jinping', 'Lukashenko']],
    ['Shares in Arkon fell on Tuesday.', ['Arkon']],
    ['On Monday the European Central Bank acted.', ['European Central Bank']],
  ])('names in "%s" → %o', (text, expected) => {
    expect(findNames(text)).toEqual(expected);
  });

  it.each([
    ['the European Central Bank (ECB) said', [['European Central Bank', 'ECB']]],
    ['the Collective Security Treaty Organization (CSTO) met', [['Collective Security Treaty Organization', 'CSTO']]],
    ['prices (USD) rose', []],
  ])('acronyms defined in "%s" → %o', (text, expected) => {
    expect(findAcronymDefinitions(text)).toEqual(expected);
  });
});

describe('which undated sentences a report states as the day’s news', () => {
  it.each([
    ['Arkon reported a quarterly loss, the company said.', true],
    ['The bank has raised rates again.', true],
    ['Shares rose 4 percent in early trading.', true],
    ['The company was founded by two engineers in Tallinn.', false],
    ['Arkon is the largest carmaker in the Baltics.', false],
    ['Arkon was the largest carmaker in the region.', false],
    ['Arkon had lost money for years.', false],
    ['Did Arkon cut prices too far?', false],
  ])('%s → %s', (sentence, expected) => {
    expect(reportsPastEvent(sentence)).toBe(expected);
  });
});

describe('/timeline about:<name> across news reports', () => {
  it('follows Arkon through two reports: its names, "the company" after it, undated news on the report’s day, one row per event', async () => {
    const reply = await run({ about: 'Arkon' });
    expect(reply.items.map((i) => [i.label, i.citation?.articleSlug, i.alsoCited?.map((c) => c.articleSlug)])).toEqual([
      ['2009', 'arkon-price-cuts', undefined],
      ['2010s', 'arkon-europe-analysis', undefined],
      ['2024-03-11†', 'arkon-europe-analysis', undefined],
      ['2024-03-12†', 'arkon-europe-analysis', ['arkon-price-cuts']],
      ['2024-03-13‡', 'arkon-europe-analysis', undefined],
      ['2024-03-14‡', 'arkon-price-cuts', undefined],
      ['2025†', 'arkon-price-cuts', undefined],
    ]);
    expect(reply.intro).toBe(
      '† date inferred from the article’s publication date\n‡ not dated in the text: announced on the day of the report',
    );
  });

  it('keeps the background year apart: "the lowest level since 2019" is not an event of 2019', async () => {
    const reply = await run({ about: 'Arkon Model 3' });
    expect(reply.items.map((i) => [i.label, i.text.text])).toEqual([
      ['2024-02†', 'Sales of the Arkon Model 3 fell 12 percent in February, the lowest level since 2019.'],
    ]);
  });

  it('finds the bank under the acronym one report defines and another uses', async () => {
    const reply = await run({ about: 'Baltic Central Bank' });
    expect(reply.items.map((i) => [i.label, i.citation?.articleSlug])).toEqual([
      ['2023†', 'arkon-europe-analysis'],
      ['2024-02†', 'arkon-price-cuts'],
      ['2024-06†', 'arkon-europe-analysis'],
    ]);
  });

  it('follows a person by surname and into the next sentence’s "She"', async () => {
    const reply = await run({ about: 'Lena Marsh' });
    expect(reply.items.map((i) => [i.label, i.text.text])).toEqual([
      ['2021', 'Lena Marsh took over as chief executive in 2021.'],
      ['2024-03-13†', 'Marsh said on Wednesday that prices would not fall again.'],
      ['2024-03-14‡', 'She added that no jobs would be cut in Tallinn.'],
      ['2025†', 'Arkon’s chief executive, Lena Marsh, said the company would open a factory in Poland next year.'],
    ]);
  });

  it('narrows an entity timeline by from and to, and says so when nothing is left', async () => {
    expect((await run({ about: 'Arkon', from: '2024-03', to: '2024-03' })).items.map((i) => i.label)).toEqual([
      '2024-03-11†',
      '2024-03-12†',
      '2024-03-13‡',
      '2024-03-14‡',
    ]);
    expect((await run({ about: 'Arkon', to: '2000' })).items).toEqual([]);
  });

  it('gives the structured events their marker and every citation for --json', async () => {
    expect((await run({ about: 'SkyLink' })).facts?.events).toEqual([
      expect.objectContaining({ date: '2019', inferred: false }),
      expect.objectContaining({ date: '2023-10-31', inferred: true, resolvedFrom: 'publication' }),
      expect.objectContaining({ date: '2024-01', text: 'The company said the launches would resume in January.' }),
    ]);
    const tuesday = (await run({ about: 'Arkon', from: '2024-03-12', to: '2024-03-12' })).facts?.events;
    expect(tuesday).toEqual([
      expect.objectContaining({
        date: '2024-03-12',
        article: 'arkon-europe-analysis',
        alsoReported: [
          {
            article: 'arkon-price-cuts',
            passageId: 'arkon-price-cuts#1',
            text: 'Arkon cut the prices of its cars across Europe on Tuesday',
          },
        ],
      }),
    ]);
  });

  it('autocompletes about over the names the library holds, offering both Arkon and Arkon Model 3', () => {
    const choices = timeline.autocomplete({ name: 'about', value: 'ark' }, { options: {} }, { kb, commands: COMMANDS });
    expect(choices.map((c) => c.value)).toEqual(['Arkon', 'Arkon Automotive', 'Arkon Model 3']);
  });
});

describe('an entity timeline as a person reads it', () => {
  it('shows the other reports of an event under its citation', async () => {
    const text = renderTerminal(await run({ about: 'Arkon', from: '2024-03-12', to: '2024-03-12' }));
    expect(text.split('\n')).toEqual([
      '*Timeline*',
      '† date inferred from the article’s publication date',
      '  *2024-03-12†*  Arkon slashed its car prices across Europe on Tuesday',
      '      — Why Arkon is losing ground in Europe · Economics desk · ¶1',
      '      — also reported in Arkon cuts prices in Europe as demand slows · Wire staff · ¶1',
    ]);
  });

  it('quotes every undated report event verbatim from its passage', () => {
    const passages = new Map(kb.articles.flatMap((a) => a.passages.map((p) => [p.id, p])));
    const events = reportEvents(kb.articles);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events)
      expect(passages.get(event.passageId)?.text.slice(event.start, event.start + event.text.length)).toBe(event.text);
  });
});

describe('the seed article is unchanged by entity timelines', () => {
  it('lists the same events about Lukashenko as the word filter did', async () => {
    const seedKb = await KnowledgeBase.load(KNOWLEDGE);
    const reply = await run({ about: 'lukashenko' }, () => seedKb);
    expect(reply.items.map((i) => i.label)).toEqual(['2020/2024', '2023', '2023-03', '2023-12']);
    expect(seedKb.articles.flatMap(extractEvents)).toHaveLength(16);
  });
});
