import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import type { MessagePayload } from './limits.js';

/** Mentions are off for every send, whatever the text holds (also set client-wide). */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false });

/** How long a handler may run before Footnote defers: well inside Discord's 3 seconds, leaving time for the network. */
export const DEFER_AFTER_MS = 2_000;

/**
 * An interaction this old when its handler starts has waited behind other work (a burst, a busy event loop):
 * the process is falling behind, and it is deferred before its own work, which would only add to the queue.
 */
export const LATE_ARRIVAL_MS = 1_000;

/** Errors that mean the interaction is gone or already answered: logged, never retried, never fatal. */
export function isSettledInteractionError(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}

/**
 * The one way Footnote answers an interaction: reply, edit the deferred reply, or follow up, depending on what
 * already happened. A 40060 (already acknowledged, e.g. a retried callback that did arrive) counts as delivered.
 */
export async function safeRespond(
  interaction: RepliableInteraction,
  payload: MessagePayload,
  options: { ephemeral: boolean; logger: Logger },
): Promise<void> {
  const body = { ...payload, allowedMentions: NO_MENTIONS };
  try {
    if (interaction.deferred) await interaction.editReply(body);
    else if (interaction.replied)
      await interaction.followUp({ ...body, ...(options.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
    else await interaction.reply({ ...body, ...(options.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
      return;
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
      options.logger.warn(
        { interaction: interaction.id, user: interaction.user.id },
        'interaction expired before the answer (10062)',
      );
      return;
    }
    throw error;
  }
}

/**
 * Delivers an answer after a deferral. The deferral's visibility cannot change, so an answer that is private
 * when the deferral was public (a warning about what was typed) replaces the public "thinking…" message with a
 * private follow-up: deleted first, since a follow-up right after a deferral would edit it and keep it public.
 */
async function deliverDeferred(
  interaction: RepliableInteraction,
  answer: { payload: MessagePayload; ephemeral: boolean },
  options: { ephemeral: boolean; logger: Logger },
): Promise<void> {
  if (!answer.ephemeral || options.ephemeral) {
    await safeRespond(interaction, answer.payload, options);
    return;
  }
  try {
    await interaction.deleteReply();
  } catch (error) {
    if (!isSettledInteractionError(error)) throw error;
  }
  await interaction.followUp({ ...answer.payload, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}

/**
 * Runs `work` and answers with its result; if it is not ready DEFER_AFTER_MS after Discord created the interaction,
 * defers first (within Discord's 3-second window, with the visibility `options.ephemeral`) and delivers the answer
 * when it arrives, with the visibility the answer itself asks for, as on time. The time counts from the interaction's creation, not from when this process got to it: in a
 * burst, or behind a busy event loop, an interaction can arrive with most of its 3 seconds gone, and one that is
 * already due is deferred before its work starts (the work is synchronous search: started first, it would run to
 * its end before the deferral could go out).
 */
export async function answerInTime(
  interaction: RepliableInteraction,
  startWork: () => Promise<{ payload: MessagePayload; ephemeral: boolean }>,
  options: { ephemeral: boolean; logger: Logger; deferAfterMs?: number },
): Promise<void> {
  const deferAfter = options.deferAfterMs ?? DEFER_AFTER_MS;
  // A clock behind Discord's makes the age negative: never wait longer than the full delay.
  const age = Date.now() - interaction.createdTimestamp;
  const due = Math.min(deferAfter, deferAfter - age);
  if (due <= 0 || age >= LATE_ARRIVAL_MS) {
    options.logger.debug(
      { interaction: interaction.id, ageMs: age },
      'interaction arrived late: deferred before its work',
    );
    if (!(await defer(interaction, undefined, options))) return;
    await deliverDeferred(interaction, await startWork(), options);
    return;
  }
  const work = startWork();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(resolve, due, 'late');
  });
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first === 'late') {
    if (!(await defer(interaction, work, options))) return;
    await deliverDeferred(interaction, await work, options);
    return;
  }
  await safeRespond(interaction, first.payload, { ...options, ephemeral: first.ephemeral });
}

/**
 * Defers `interaction`; false when it expired first (10062), which is logged. `work`, when already started, is
 * given a handler so that its failure cannot become an unhandled rejection once nobody awaits it.
 */
async function defer(
  interaction: RepliableInteraction,
  work: Promise<unknown> | undefined,
  options: { ephemeral: boolean; logger: Logger },
): Promise<boolean> {
  try {
    await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    return true;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) {
      // A retried defer (its first response lost to a 5xx) meets 40060: the defer did arrive, and the user sees
      // "thinking…". discord.js only marks success, so mark it here and edit the answer in as usual.
      interaction.deferred = true;
      return true;
    }
    work?.catch((inner: unknown) =>
      options.logger.error({ err: inner, interaction: interaction.id }, 'answer failed after its deferral failed'),
    );
    if (!isSettledInteractionError(error)) throw error;
    options.logger.warn({ interaction: interaction.id }, 'could not defer: the interaction expired (10062)');
    return false;
  }
}
