import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { NameMatcher } from '../src/core/search/match-names.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SLUG = 'belarus-balancing-act-with-china';

const NAMES = ['Velden Trams — Ada Roe', 'Belarus’ Balancing Act with China — Nikola Mikovic', 'Ferries of Velden'];
const names = new NameMatcher(NAMES, (name) => name);

describe('names found with fuse.js', () => {
  it.each([
    ['', NAMES],
    ['velden', ['Velden Trams — Ada Roe', 'Ferries of Velden']],
    ['VELDEN fer', ['Ferries of Velden']],
    ['mikovic china', ['Belarus’ Balancing Act with China — Nikola Mikovic']],
    ['belrus', ['Belarus’ Balancing Act with China — Nikola Mikovic']],
    ['ferires', ['Ferries of Velden']],
    ['zeppelin', []],
  ] as const)('%j matches %j', (typed, expected) => {
    expect(names.matchWords(typed)).toEqual(expected);
  });

  it('lists names that hold every word as typed first, in their order, then misspelt ones, nearest first', () => {
    const matcher = new NameMatcher(['Tramz of Velden', 'Velden trams', 'Trims', 'Old trams'], (n) => n);
    expect(matcher.matchWords('trams')).toEqual(['Velden trams', 'Old trams', 'Tramz of Velden', 'Trims']);
  });

  it.each([
    ['Belarus Balancng Act', 'Belarus’ Balancing Act with China — Nikola Mikovic'],
    ['ferries of veldn', 'Ferries of Velden'],
    ['velden', undefined],
    ['nonexistent', undefined],
    ['  ', undefined],
  ] as const)('%j resolves to %j', (typed, expected) => {
    expect(names.bestMatch(typed)).toBe(expected);
  });
});

describe('the knowledge base’s article names', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
  });

  it.each([
    [SLUG, SLUG],
    ['balancing act', SLUG],
    ['Belarus’ Balancing Act with China', SLUG],
    ['belarus balansing act', SLUG],
    ['nonexistent', undefined],
    ['', undefined],
  ] as const)('the article option %j names %j', (typed, slug) => {
    expect(kb.resolveArticle(typed)?.slug).toBe(slug);
  });

  it.each([
    ['bela', [SLUG]],
    ['mikovic', [SLUG]],
    ['chian', [SLUG]],
    ['telescope', []],
  ] as const)('autocomplete of the article option for %j offers %j', (typed, slugs) => {
    expect(kb.matchArticles(typed).map((a) => a.slug)).toEqual(slugs);
  });
});
