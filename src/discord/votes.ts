import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import { type APIModalInteractionResponseCallbackData, ComponentType, TextInputStyle } from 'discord-api-types/v10';
import { MESSAGES } from '../messages.js';
import type { DownvoteReason, Store, VoteInput, WriteOutcome } from '../store/store.js';
import type { ButtonDeps } from './buttons.js';
import { decodeVote, decodeVoteModal, encodeVoteModal, parseButtonState, type VoteTarget } from './custom-id.js';
import { renderNotice } from './render.js';
import { safeRespond } from './respond.js';
import { settingsFor } from './store-hooks.js';

/**
 * 👍 and 👎 on an answer. A press is one vote per person per answer (the store keys it on both), answered with a
 * private thanks so the answer stays as it is for everyone else. 👎 opens a modal asking what was wrong, and
 * counts at once, so a dismissed modal is still a 👎; the modal's submit records the same vote again with its
 * reason, and being the newer interaction it updates that vote rather than adding one.
 */

export const REASON_FIELD = 'reason';
export const TEXT_FIELD = 'text';
export const MAX_VOTE_TEXT = 300;
const REASONS: readonly DownvoteReason[] = ['wrong-passage', 'not-in-library', 'other'];

/** The 👎 modal: a required choice of reason, and an optional note of at most MAX_VOTE_TEXT characters. */
export function voteModal(target: VoteTarget): APIModalInteractionResponseCallbackData {
  return {
    custom_id: encodeVoteModal(target),
    title: MESSAGES.voteModalTitle,
    components: [
      {
        type: ComponentType.Label,
        label: MESSAGES.voteReasonLabel,
        component: {
          type: ComponentType.StringSelect,
          custom_id: REASON_FIELD,
          placeholder: MESSAGES.voteReasonPlaceholder,
          min_values: 1,
          max_values: 1,
          required: true,
          options: REASONS.map((reason) => ({ label: MESSAGES.voteReasons[reason], value: reason })),
        },
      },
      {
        type: ComponentType.Label,
        label: MESSAGES.voteTextLabel,
        component: {
          type: ComponentType.TextInput,
          custom_id: TEXT_FIELD,
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: MAX_VOTE_TEXT,
          placeholder: MESSAGES.voteTextPlaceholder,
        },
      },
    ],
  };
}

/** The reason and note of a submitted 👎 modal; a missing or unknown field is simply no reason. */
export function reasonOf(interaction: Pick<ModalSubmitInteraction, 'fields'>): {
  readonly reasonKind?: DownvoteReason;
  readonly reasonText?: string;
} {
  const fields = interaction.fields.fields;
  const select = fields.get(REASON_FIELD);
  const chosen = select && 'values' in select && Array.isArray(select.values) ? select.values[0] : undefined;
  const input = fields.get(TEXT_FIELD);
  const text = input && 'value' in input && typeof input.value === 'string' ? input.value.trim() : '';
  const reasonKind = REASONS.find((reason) => reason === chosen);
  return {
    ...(reasonKind !== undefined ? { reasonKind } : {}),
    ...(text !== '' ? { reasonText: text.slice(0, MAX_VOTE_TEXT) } : {}),
  };
}

/** The top passage named by the button, or read from the answer's stored state when it did not fit. */
async function passageOf(target: VoteTarget, deps: ButtonDeps): Promise<string | undefined> {
  if (target.passageId !== undefined) return target.passageId;
  try {
    const json = await deps.buttonStates.get(target.key);
    const state = json === undefined ? undefined : parseButtonState(json);
    return state?.kind === 'answer' ? state.cards[0]?.passageId : undefined;
  } catch (error) {
    // The vote still counts for the answer; only its passage is unknown.
    deps.logger.warn({ err: error }, 'vote: answer state unavailable');
    return undefined;
  }
}

/** Queues the vote; never throws. Its outcome is logged when the store did not take it. */
async function record(
  store: Store,
  vote: Omit<VoteInput, 'passageId'>,
  target: VoteTarget,
  deps: ButtonDeps,
): Promise<void> {
  let outcome: WriteOutcome;
  try {
    const passageId = await passageOf(target, deps);
    outcome = await store.recordVote({ ...vote, ...(passageId !== undefined ? { passageId } : {}) });
  } catch (error) {
    deps.logger.error({ err: error, interaction: vote.interactionId }, 'vote not recorded');
    return;
  }
  if (outcome !== 'written') deps.logger.warn({ interaction: vote.interactionId, outcome }, 'vote not recorded');
}

function thank(interaction: ButtonInteraction | ModalSubmitInteraction, text: string, deps: ButtonDeps) {
  return safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'info', text }), {
    ephemeral: true,
    logger: deps.logger,
  });
}

/**
 * Whether a press on a vote button drawn earlier may still count: a server that turned feedback off afterwards
 * asked for no more votes, whatever its old answers still show. A store too slow to say uses the defaults.
 */
async function feedbackOff(interaction: ButtonInteraction | ModalSubmitInteraction, deps: ButtonDeps) {
  const settings = await settingsFor(deps.context, interaction.guildId, interaction.channelId ?? undefined);
  return settings?.feedback === false;
}

/** A 👍 or 👎 press; false when the custom_id is not a vote button's. */
export async function handleVoteButton(interaction: ButtonInteraction, deps: ButtonDeps): Promise<boolean> {
  const vote = decodeVote(interaction.customId);
  if (vote === undefined) return false;
  const store = deps.context.store;
  if (store === undefined) {
    await thank(interaction, MESSAGES.voteNotKept, deps);
    return true;
  }
  if (await feedbackOff(interaction, deps)) {
    await thank(interaction, MESSAGES.voteOff, deps);
    return true;
  }
  const target: VoteTarget = vote.passageId !== undefined ? vote : { key: vote.key };
  const input = {
    answerKey: vote.key,
    userId: interaction.user.id,
    ...(interaction.guildId !== null ? { guildId: interaction.guildId } : {}),
    value: vote.value,
    interactionId: interaction.id,
  };
  // The modal must be the first response, within 3 s: it goes out before anything waits on the store.
  if (vote.value === 'down') await interaction.showModal(voteModal(target));
  const written = record(store, input, target, deps);
  if (vote.value === 'up') await thank(interaction, MESSAGES.voteThanks, deps);
  await written;
  return true;
}

/** The submitted 👎 modal; false when the custom_id is not the vote modal's. */
export async function handleVoteModal(interaction: ModalSubmitInteraction, deps: ButtonDeps): Promise<boolean> {
  const target = decodeVoteModal(interaction.customId);
  if (target === undefined) return false;
  const store = deps.context.store;
  if (store === undefined) {
    await thank(interaction, MESSAGES.voteNotKept, deps);
    return true;
  }
  if (await feedbackOff(interaction, deps)) {
    await thank(interaction, MESSAGES.voteOff, deps);
    return true;
  }
  const written = record(
    store,
    {
      answerKey: target.key,
      userId: interaction.user.id,
      ...(interaction.guildId !== null ? { guildId: interaction.guildId } : {}),
      value: 'down',
      ...reasonOf(interaction),
      interactionId: interaction.id,
    },
    target,
    deps,
  );
  await thank(interaction, MESSAGES.voteDownThanks, deps);
  await written;
  return true;
}
