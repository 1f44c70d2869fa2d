import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { answerQuestion, answerWithPassage, cardFromRecord, type ResultCard } from '../src/core/reply.js';
import { MemoryButtonStateStore, STORE_KEY, type ButtonStateStore } from '../src/discord/button-state.js';
import {
  type ButtonState,
  buttonIdsFor,
  decodeButton,
  encodeInline,
  type ListState,
  parseButtonState,
  PassageKeys,
} from '../src/discord/custom-id.js';
import { renderFirst } from '../src/discord/buttons.js';
import { LIMITS } from '../src/discord/limits.js';

const REPO = path.resolve(import.meta.dirname, '..');

/** A store that records what is put in it, so a test can tell inline state from stored state. */
class RecordingStore implements ButtonStateStore {
  readonly inner = new MemoryButtonStateStore();
  readonly puts: string[] = [];
  async put(json: string, ttlMs: number): Promise<string> {
    this.puts.push(json);
    return this.inner.put(json, ttlMs);
  }
  get(key: string): Promise<string | undefined> {
    return this.inner.get(key);
  }
}

/** Decodes `id` and reads its state back as the bot does when the button is pressed. */
async function stateBehind(id: string, store: ButtonStateStore): Promise<ButtonState | undefined> {
  const decoded = decodeButton(id);
  if (decoded.kind === 'inline') return decoded.state;
  if (decoded.kind !== 'stored') return undefined;
  const json = await store.get(decoded.key);
  return json === undefined ? undefined : parseButtonState(json);
}

const list = (options: Record<string, string>): ListState => ({
  kind: 'list',
  version: '0123456789abcdef',
  command: 'timeline',
  options,
});

describe('list paging state: never cut, inline when it fits, stored when it does not', () => {
  it.each([
    ['no options', {}, 'inline'],
    ['a short filter', { from: '2020', about: 'Xi' }, 'inline'],
    ['the delimiters in a value', { about: 'a|b&c=d%20e' }, 'inline'],
    ['non-Latin text, one character each', { about: 'Лукашенко', article: '白俄罗斯' }, 'inline'],
    ['an emoji and right-to-left text', { about: '👩‍👩‍👧‍👦 مينسك' }, 'inline'],
    [
      'a title with a curly apostrophe',
      { from: '1900-01-01', to: '2099-12-31', article: 'Belarus’ Balancing Act with China' },
      'inline',
    ],
    [
      'every option of /timeline at its longest',
      { from: 'x'.repeat(40), to: 'y'.repeat(40), article: 'belarus-balancing-act-with-china', about: 'z'.repeat(40) },
      'stored',
    ],
    [
      'a long non-Latin filter',
      {
        about: 'Александр Григорьевич Лукашенко и Си Цзиньпин',
        article: 'Балансирование Беларуси между Россией и Китаем',
      },
      'stored',
    ],
    ['a value of 200 characters', { about: 'Xi '.repeat(66) }, 'stored'],
  ] as const)('%s: decodes to the very options (%s)', async (_name, options, where) => {
    const store = new RecordingStore();
    const state = list(options);
    const ids = await buttonIdsFor(state, store, { ttlMs: 60_000, maxIndex: 12 });
    for (const index of [0, 1, 12]) {
      const id = ids({ view: 'page', index });
      expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
      const decoded = decodeButton(id);
      expect(decoded.kind).toBe(where);
      expect(decoded).toMatchObject({ action: { view: 'page', index } });
      expect(await stateBehind(id, store)).toEqual(where === 'inline' ? { ...state, version: '012345' } : state);
    }
    expect(store.puts).toHaveLength(where === 'inline' ? 0 : 1);
  });

  it('refuses to encode inline what does not fit, rather than cutting it', () => {
    expect(encodeInline(list({ about: 'x'.repeat(100) }), { view: 'page', index: 1 })).toBeUndefined();
  });

  it('keeps a list inline only if its last page fits too', async () => {
    const store = new RecordingStore();
    // 76 characters of options: page 9 fits, page 10 000 would not.
    const state = list({ about: 'a'.repeat(70) });
    expect(encodeInline(state, { view: 'page', index: 9 })).toBeDefined();
    expect(encodeInline(state, { view: 'page', index: 9_999 })).toBeUndefined();
    await buttonIdsFor(state, store, { ttlMs: 60_000, maxIndex: 9_999 });
    expect(store.puts).toHaveLength(1);
  });
});

describe('answer state: the excerpts the first message chose, kept whole', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
  });

  /** Renders `reply` as its first message, then reads back the cards every one of its buttons leads to. */
  async function cardsBehindButtons(reply: ReturnType<typeof answerQuestion>, isPrivate = false) {
    const store = new RecordingStore();
    const payload = await renderFirst(
      reply,
      { buttonStates: store, stateTtlMs: 60_000, context: { kb, commands: COMMANDS } },
      {
        isPrivate,
      },
    );
    const ids = (payload.components ?? []).flatMap((row) =>
      row.components.map((c) => ('custom_id' in c ? c.custom_id : '')),
    );
    expect(store.puts).toHaveLength(1);
    const states = await Promise.all(ids.map((id) => stateBehind(id, store)));
    return {
      ids,
      states,
      cards: (state: ButtonState | undefined): (ResultCard | undefined)[] =>
        state?.kind === 'answer' ? state.cards.map((record) => cardFromRecord(kb, record)) : [],
    };
  }

  it.each([
    ['a short question', 'Lukashenko Xi Jinping'],
    [
      'a question far over 100 characters',
      'how much has China invested in Belarus and how much Chinese investment went into the Belarusian economy over thirty years?',
    ],
    ['a non-Latin question', 'Лукашенко и Си Цзиньпин встречались? Xi Jinping Lukashenko'],
  ])('%s: every button leads back to the same results, question and visibility', async (_name, question) => {
    const reply = answerQuestion(kb, question);
    expect(reply.results.length).toBeGreaterThan(1);
    const { ids, states, cards } = await cardsBehindButtons(reply, true);
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const state of states) {
      expect(state).toMatchObject({ kind: 'answer', query: question, status: reply.status, private: true });
      expect(cards(state)).toEqual(reply.results);
    }
  });

  it('keeps a picked passage that search would not find again, labelled as chosen, not as a strong match', async () => {
    // Paragraph 1 does not answer this question: it is first only because the person picked it.
    const reply = answerWithPassage(kb, 'belarus-balancing-act-with-china#1', 'Polonez rocket');
    expect(reply.results[0]?.citation.passageId).toBe('belarus-balancing-act-with-china#1');
    expect(reply.results[0]?.confidence).toBe('chosen');
    const { states, cards } = await cardsBehindButtons(reply);
    expect(cards(states[1])).toEqual(reply.results);
  });

  it('gives up on a record whose passage or range is not in this library', () => {
    const base = { start: 0, end: 10, highlights: [], score: 1, coverage: 1, confidence: 'high' } as const;
    expect(cardFromRecord(kb, { ...base, passageId: 'nope#1' })).toBeUndefined();
    expect(
      cardFromRecord(kb, { ...base, passageId: 'belarus-balancing-act-with-china#1', end: 100_000 }),
    ).toBeUndefined();
  });
});

describe('reading stored state back', () => {
  it.each([
    ['not JSON', '{'],
    ['not an object', '"answer"'],
    ['an unknown kind', '{"kind":"poll","version":"v"}'],
    ['a list without options', '{"kind":"list","version":"v","command":"timeline"}'],
    ['a list option that is not text', '{"kind":"list","version":"v","command":"timeline","options":{"from":2020}}'],
    [
      'an answer with a bad status',
      '{"kind":"answer","version":"v","query":"q","status":"great","private":false,"cards":[]}',
    ],
    [
      'an answer card with a bad confidence',
      '{"kind":"answer","version":"v","query":"q","status":"answer","private":false,"cards":[{"passageId":"a#1","start":0,"end":1,"highlights":[],"score":1,"coverage":1,"confidence":"sure"}]}',
    ],
  ])('refuses %s', (_name, json) => {
    expect(parseButtonState(json)).toBeUndefined();
  });
});

describe('buttons of the first format (fn1) decode as they did', () => {
  it.each([
    [
      'fn1|a|abcdef|2|aaaaaa.bbbbbb.cccccc|e|how much has China invested?',
      {
        kind: 'answer',
        view: 'result',
        version: 'abcdef',
        index: 2,
        keys: ['aaaaaa', 'bbbbbb', 'cccccc'],
        private: true,
        query: 'how much has China invested?',
      },
    ],
    [
      'fn1|c|abcdef|0|aaaaaa|p|a|b|c',
      {
        kind: 'answer',
        view: 'context',
        version: 'abcdef',
        index: 0,
        keys: ['aaaaaa'],
        private: false,
        query: 'a|b|c',
      },
    ],
    [
      'fn1|p|abcdef|1|aaaaaa.bbbbbb|e|',
      {
        kind: 'answer',
        view: 'publish',
        version: 'abcdef',
        index: 1,
        keys: ['aaaaaa', 'bbbbbb'],
        private: true,
        query: '',
      },
    ],
    [
      'fn1|l|abcdef|1|timeline|from=2020&about=Xi%20%26%20co',
      { kind: 'list', version: 'abcdef', page: 1, command: 'timeline', options: { from: '2020', about: 'Xi & co' } },
    ],
  ])('%j', (id, state) => {
    expect(decodeButton(id)).toEqual({ kind: 'legacy', state });
  });

  it('finds the passages of its keys, as the first format made them', async () => {
    const kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
    const keys = new PassageKeys(kb);
    // The key the first format gave paragraph 3 (a sha1 of its id, base64url, `-` and `_` as `x`, six characters).
    const { createHash } = await import('node:crypto');
    const key = createHash('sha1')
      .update('belarus-balancing-act-with-china#3')
      .digest('base64url')
      .replace(/[-_]/g, 'x')
      .slice(0, 6);
    expect(keys.passage(key)?.id).toBe('belarus-balancing-act-with-china#3');
  });

  it.each([
    'other-bot:thing',
    '',
    'fn1|a|v|x',
    'fn1|a|v|0||p|q',
    'fn1|l|v|0||',
    'f2',
    'f2|r1',
    'f2|x1|k|abc',
    'f2|r1|k|',
    'f2|r1|k|has space',
    'f2|r1|k|abcdefghijklmnopq',
    'f2|r1|i|v|timeline|',
    'f2|l1|i|v||about=x',
    'f2|l1|i|v|timeline|about',
    'f2|l1|i|v|timeline|about=%E0%A4%A',
  ])('rejects %j as foreign or malformed', (id) => {
    expect(['foreign', 'malformed']).toContain(decodeButton(id).kind);
  });
});

describe('MemoryButtonStateStore', () => {
  it('gives short keys a custom_id can carry, and returns what was put', async () => {
    const store = new MemoryButtonStateStore();
    const keys = await Promise.all(['{"a":1}', '{"b":2}'].map((json) => store.put(json, 1_000)));
    for (const key of keys) expect(key).toMatch(STORE_KEY);
    expect(keys[0]).not.toBe(keys[1]);
    expect(await store.get(keys[0]!)).toBe('{"a":1}');
    expect(await store.get(keys[1]!)).toBe('{"b":2}');
    expect(await store.get('unknown')).toBeUndefined();
  });

  it('forgets a state once it expires', async () => {
    let now = 0;
    const store = new MemoryButtonStateStore({ now: () => now });
    const key = await store.put('{}', 1_000);
    now = 999;
    expect(await store.get(key)).toBe('{}');
    now = 1_000;
    expect(await store.get(key)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('holds at most maxEntries, forgetting expired ones first and then the oldest', async () => {
    let now = 0;
    const store = new MemoryButtonStateStore({ maxEntries: 3, now: () => now });
    const short = await store.put('"short"', 10);
    const first = await store.put('"first"', 1_000);
    const second = await store.put('"second"', 1_000);
    now = 20;
    const third = await store.put('"third"', 1_000);
    expect(store.size).toBe(3);
    expect(await store.get(short)).toBeUndefined();
    expect(await store.get(first)).toBe('"first"');
    const fourth = await store.put('"fourth"', 1_000);
    expect(store.size).toBe(3);
    expect(await store.get(first)).toBeUndefined();
    expect(await Promise.all([second, third, fourth].map((k) => store.get(k)))).toEqual([
      '"second"',
      '"third"',
      '"fourth"',
    ]);
  });
});
