import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { Logger } from '../log.js';
import type { MessagePayload } from './limits.js';

/** Mentions are off for every send, whatever the text holds (also set client-wide). */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[], repliedUser: false });

/** How long a handler may run before Footnote defers: well inside Discord's 3 seconds, leaving time for the network. */
export const DEFER_AFTER_MS = 2_000;

/** Errors that mean the interaction is gone or already answered: logged, never retried, never fatal. */
export function isSettledInteractionError(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction || error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged)
  );
}

/**
 * The one way Footnote answers an interaction: reply, edit the deferred reply, or follow up, depending on what
 * already happened. A 40060 (already acknowledged, e.g. a retried callback that did arrive) counts as delivered.
 */
export async function safeRespond(interaction: RepliableInteraction, payload: MessagePayload, options: { ephemeral: boolean; logger: Logger }): Promise<void> {
  const body = { ...payload, allowedMentions: NO_MENTIONS };
  try {
    if (interaction.deferred) await interaction.editReply(body);
    else if (interaction.replied) await interaction.followUp({ ...body, ...(options.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
    else await interaction.reply({ ...body, ...(options.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) });
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) return;
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction) {
      options.logger.warn({ interaction: interaction.id, user: interaction.user.id }, 'interaction expired before the answer (10062)');
      return;
    }
    throw error;
  }
}

/**
 * Runs `work` and answers with its result; if it is not ready after DEFER_AFTER_MS, defers first (within
 * Discord's 3-second window, with the visibility `options.ephemeral`) and edits the answer in when it arrives.
 */
export async function answerInTime(
  interaction: RepliableInteraction,
  work: Promise<{ payload: MessagePayload; ephemeral: boolean }>,
  options: { ephemeral: boolean; logger: Logger; deferAfterMs?: number },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(resolve, options.deferAfterMs ?? DEFER_AFTER_MS, 'late');
  });
  const first = await Promise.race([work, late]);
  clearTimeout(timer);
  if (first === 'late') {
    try {
      await interaction.deferReply(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) {
        // A retried defer (its first response lost to a 5xx) meets 40060: the defer did arrive, and the user sees
        // "thinking…". discord.js only marks success, so mark it here and edit the answer in as usual.
        interaction.deferred = true;
      } else {
        // Nobody will await the answer now; a failure in it must not become an unhandled rejection.
        work.catch((inner: unknown) => options.logger.error({ err: inner, interaction: interaction.id }, 'answer failed after its deferral failed'));
        if (!isSettledInteractionError(error)) throw error;
        options.logger.warn({ interaction: interaction.id }, 'could not defer: the interaction expired (10062)');
        return;
      }
    }
    await safeRespond(interaction, (await work).payload, options);
    return;
  }
  // On time, the answer picks its own visibility: a failure is told privately even on a public command.
  await safeRespond(interaction, first.payload, { ...options, ephemeral: first.ephemeral });
}
