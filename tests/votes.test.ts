import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ComponentType } from 'discord-api-types/v10';
import { COMMANDS } from '../commands/index.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { answerQuestion } from '../src/core/reply.js';
import { MemoryButtonStateStore } from '../src/discord/button-state.js';
import { renderFirst } from '../src/discord/buttons.js';
import { decodeButton, decodeVote, decodeVoteModal, encodeVote, encodeVoteModal } from '../src/discord/custom-id.js';
import { checkPayload, LIMITS } from '../src/discord/limits.js';
import { MAX_VOTE_TEXT, reasonOf, REASON_FIELD, TEXT_FIELD, voteModal } from '../src/discord/votes.js';

const REPO = path.resolve(import.meta.dirname, '..');

describe('vote button ids: the answer and its top passage, never longer than Discord allows', () => {
  it.each([
    ['a short passage id', 'belarus-balancing-act-with-china#12', 'belarus-balancing-act-with-china#12'],
    ['a passage id that would not fit', `${'x'.repeat(120)}#1`, undefined],
    ['a passage id holding the separator', 'a|b#1', undefined],
    ['no passage', undefined, undefined],
  ] as const)('%s: decodes to the key and %s', (_name, passageId, expected) => {
    const target = { key: 'AbCdEfGhIjKl', ...(passageId !== undefined ? { passageId } : {}) };
    for (const value of ['up', 'down'] as const) {
      const id = encodeVote(value, target);
      expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(decodeVote(id)).toEqual({ value, key: target.key, ...(expected ? { passageId: expected } : {}) });
      // A vote button is no paging button: the paging decoder leaves it alone.
      expect(decodeButton(id).kind).toBe('foreign');
    }
    const modal = encodeVoteModal(target);
    expect(modal.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(decodeVoteModal(modal)).toEqual({ key: target.key, ...(expected ? { passageId: expected } : {}) });
  });

  it.each([['fv|x|AbC'], ['fv|u|bad key!'], ['fv|u'], ['fm|'], ['f2|r1|k|AbC'], ['something else']])(
    '%s is not a vote',
    (id) => {
      expect(decodeVote(id)).toBeUndefined();
      expect(decodeVoteModal(id)).toBeUndefined();
    },
  );
});

describe('answers carry 👍/👎 only when feedback is on', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
  });

  const draw = (feedback: boolean, isPrivate: boolean) => {
    const store = new MemoryButtonStateStore();
    const reply = answerQuestion(kb, 'how much has China invested in Belarus?');
    return renderFirst(
      reply,
      { buttonStates: store, stateTtlMs: 60_000, context: { kb, commands: COMMANDS } },
      { isPrivate, feedback },
    ).then((payload) => ({ payload, reply }));
  };

  it.each([
    [true, false],
    [true, true],
  ])('feedback on (private %s): a second row of 👍 and 👎 naming the answer and its top passage', async (_, priv) => {
    const { payload, reply } = await draw(true, priv);
    expect(checkPayload(payload)).toEqual([]);
    const rows = payload.components ?? [];
    expect(rows).toHaveLength(2);
    const votes = rows[1]!.components.map((c) => ('custom_id' in c ? decodeVote(c.custom_id) : undefined));
    expect(votes.map((v) => v?.value)).toEqual(['up', 'down']);
    expect(votes[0]?.passageId).toBe(reply.results[0]?.citation.passageId);
    const paging = decodeButton('custom_id' in rows[0]!.components[0]! ? rows[0]!.components[0]!.custom_id : '');
    expect(paging.kind === 'stored' && paging.key).toBe(votes[0]?.key);
  });

  it('feedback off: no vote buttons', async () => {
    const { payload } = await draw(false, false);
    expect(payload.components).toHaveLength(1);
    const ids = payload.components!.flatMap((r) => r.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
    expect(ids.some((id) => decodeVote(id) !== undefined)).toBe(false);
  });
});

describe('the 👎 modal', () => {
  it('is valid by Discord limits: title ≤ 45, 1–5 components, labels ≤ 45, a note of at most 300 characters', () => {
    const modal = voteModal({ key: 'AbCdEfGhIjKl', passageId: 'belarus-balancing-act-with-china#12' });
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(modal.components.length).toBeGreaterThanOrEqual(1);
    expect(modal.components.length).toBeLessThanOrEqual(5);
    for (const component of modal.components) {
      expect(component.type).toBe(ComponentType.Label);
      if (component.type === ComponentType.Label) expect(component.label.length).toBeLessThanOrEqual(45);
    }
    expect(JSON.stringify(modal)).toContain(`"max_length":${MAX_VOTE_TEXT}`);
  });

  const submitted = (entries: [string, Record<string, unknown>][]) => ({ fields: { fields: new Map(entries) } });

  it.each([
    [
      'a reason and a note',
      'wrong-passage',
      '  I asked about 2015  ',
      { reasonKind: 'wrong-passage', reasonText: 'I asked about 2015' },
    ],
    ['a reason and no note', 'not-in-library', '', { reasonKind: 'not-in-library' }],
    ['an unknown reason', 'made-up', 'hm', { reasonText: 'hm' }],
    ['a note over 300 characters, cut', 'other', 'x'.repeat(400), { reasonKind: 'other', reasonText: 'x'.repeat(300) }],
  ])('reads %s', (_name, reason, text, expected) => {
    const interaction = submitted([
      [REASON_FIELD, { values: [reason] }],
      [TEXT_FIELD, { value: text }],
    ]);
    expect(reasonOf(interaction as never)).toEqual(expected);
  });

  it('reads a submit without its fields as no reason', () => {
    expect(reasonOf(submitted([]) as never)).toEqual({});
  });
});
