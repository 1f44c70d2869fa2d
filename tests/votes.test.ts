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
import {
  handleVoteButton,
  handleVoteModal,
  MAX_VOTE_TEXT,
  reasonOf,
  REASON_FIELD,
  TEXT_FIELD,
  voteModal,
} from '../src/discord/votes.js';
import { createLogger } from '../src/log.js';
import type { Store, VoteInput, WriteOutcome } from '../src/store/store.js';
import { FormErrors } from './stand-in/errors.js';
import { validateModalData } from './stand-in/validation.js';

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

describe('the stand-in checks a modal as Discord does', () => {
  const errorsOf = (data: unknown) => {
    const errors = new FormErrors();
    validateModalData(data, errors, ['data']);
    return errors.hasErrors ? JSON.stringify(errors.toResponse().body) : '';
  };
  const modal = voteModal({ key: 'AbCdEfGhIjKl', passageId: 'belarus-balancing-act-with-china#12' });

  it("accepts the bot's 👎 modal", () => {
    expect(errorsOf(modal)).toBe('');
  });

  it.each([
    ['a label of 46 characters', { ...modal.components[0], label: 'x'.repeat(46) }],
    [
      'a text input with a label of its own inside a Label',
      { ...modal.components[1], component: { type: 4, custom_id: 't', style: 2, label: 'x' } },
    ],
    [
      'a select that is disabled',
      {
        type: 18,
        label: 'x',
        component: { type: 3, custom_id: 's', disabled: true, options: [{ label: 'a', value: 'a' }] },
      },
    ],
    ['a select with no options', { type: 18, label: 'x', component: { type: 3, custom_id: 's', options: [] } }],
    ['a button at the top level', { type: 2, style: 1, label: 'x', custom_id: 'b' }],
    [
      'a note longer than 4000 characters allowed',
      { ...modal.components[1], component: { type: 4, custom_id: 't', style: 2, max_length: 4001 } },
    ],
  ])('refuses %s', (_name, component) => {
    expect(errorsOf({ ...modal, components: [component] })).toContain('50035');
  });
});

describe('a vote when the store cannot take it', () => {
  const logger = createLogger({ level: 'silent', destination: { write: () => undefined } });
  const storeThat = (recordVote: (vote: VoteInput) => Promise<WriteOutcome>) =>
    ({ recordVote, get: () => Promise.resolve(undefined) }) as unknown as Store;
  const pressOf = (customId: string) => {
    const sent: { kind: string; body: unknown }[] = [];
    const interaction = {
      id: '1300000000000000001',
      customId,
      user: { id: '900000000000000001' },
      guildId: '800000000000000001',
      deferred: false,
      replied: false,
      fields: { fields: new Map([[REASON_FIELD, { values: ['other'] }]]) },
      reply: (body: unknown) => {
        sent.push({ kind: 'reply', body });
        return Promise.resolve();
      },
      showModal: (body: unknown) => {
        sent.push({ kind: 'modal', body });
        return Promise.resolve();
      },
    };
    return { interaction, sent };
  };
  const deps = (store: Store | undefined) =>
    ({
      context: { store },
      buttonStates: { get: () => Promise.reject(new Error('down')) },
      stateTtlMs: 1,
      logger,
    }) as never;

  it.each([
    ['drops the write (queue full)', () => Promise.resolve('dropped' as const)],
    ['throws', () => Promise.reject(new Error('connection refused'))],
  ])('still thanks the 👍 presser privately when the store %s', async (_name, recordVote) => {
    const { interaction, sent } = pressOf(encodeVote('up', { key: 'AbCdEfGhIjKl' }));
    expect(await handleVoteButton(interaction as never, deps(storeThat(recordVote)))).toBe(true);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain('Thanks');
    expect(JSON.stringify(sent[0])).toContain(`"flags":64`);
  });

  it('shows the 👎 modal before the store has answered, and counts the press', async () => {
    const votes: VoteInput[] = [];
    let release: (outcome: WriteOutcome) => void = () => undefined;
    const store = storeThat((vote) => {
      votes.push(vote);
      return new Promise((resolve) => (release = resolve));
    });
    const { interaction, sent } = pressOf(encodeVote('down', { key: 'AbCdEfGhIjKl', passageId: 'a#1' }));
    const handled = handleVoteButton(interaction as never, deps(store));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent.map((s) => s.kind)).toEqual(['modal']);
    expect(votes).toMatchObject([{ answerKey: 'AbCdEfGhIjKl', value: 'down', passageId: 'a#1' }]);
    release('written');
    expect(await handled).toBe(true);
  });

  it('thanks the modal submitter even when the store drops the write', async () => {
    const votes: VoteInput[] = [];
    const store = storeThat((vote) => {
      votes.push(vote);
      return Promise.resolve('dropped');
    });
    const { interaction, sent } = pressOf(encodeVoteModal({ key: 'AbCdEfGhIjKl' }));
    expect(await handleVoteModal(interaction as never, deps(store))).toBe(true);
    expect(JSON.stringify(sent)).toContain('Thanks for telling us');
    // The passage could not be read from the stored state: the vote counts for the answer without it.
    expect(votes).toEqual([expect.objectContaining({ answerKey: 'AbCdEfGhIjKl', value: 'down', reasonKind: 'other' })]);
    expect(votes[0]?.passageId).toBeUndefined();
  });

  it('says no vote is kept when Footnote runs without a store', async () => {
    const { interaction, sent } = pressOf(encodeVote('down', { key: 'AbCdEfGhIjKl' }));
    await handleVoteButton(interaction as never, deps(undefined));
    expect(sent.map((s) => s.kind)).toEqual(['reply']);
    expect(JSON.stringify(sent)).toContain('keeps no votes');
  });
});
