import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import { MessageFlags } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import type { CommandContext, CommandInput } from '../../commands/command.js';
import { findCommand } from '../../commands/index.js';
import { runCommand } from '../app/run-command.js';
import { truncate } from '../core/format.js';
import type { Reply } from '../core/reply.js';
import { currentLanguage, inLanguage, type Language, MESSAGES } from '../messages.js';
import { languageOf } from '../i18n/index.js';
import { botInServer, chatInputOf, invokerOf } from './command-input.js';
import { textOfMessage } from './message-text.js';
import { inServerLibrary } from './server-library.js';
import { type AskedQuestion, logQuestion, settingsFor } from './store-hooks.js';
import { handleButton, listState, type PressDeps, renderFirst } from './buttons.js';
import type { Cooldowns } from './cooldown.js';
import { LIMITS } from './limits.js';
import { renderNotice } from './render.js';
import { answerInTime, safeRespond } from './respond.js';
import { handleVoteButton, handleVoteModal } from './votes.js';

export interface InteractionDeps extends PressDeps {
  readonly cooldowns: Cooldowns;
  /** Test seam: how long a handler may run before the reply is deferred. */
  readonly deferAfterMs?: number;
}

const inputFromChat = chatInputOf;

function inputFromMessage(interaction: MessageContextMenuCommandInteraction): CommandInput {
  const message = interaction.targetMessage;
  const content = textOfMessage(message);
  return {
    // The text as an option too: a claim-by-claim list's page buttons run the command again from its options.
    options: { text: content },
    target: { content, label: MESSAGES.messageBy(message.author.username), url: message.url },
    invoker: invokerOf(interaction),
  };
}

/**
 * Whether a reply is shown only to the asker, decided once for the on-time and the deferred answer alike: as the
 * command or its `private` option asks, and always for a warning or an error (a typo in a date is nobody else's
 * business).
 */
export function isPrivateReply(requested: boolean, reply: Reply): boolean {
  return requested || (reply.kind === 'notice' && reply.tone !== 'info');
}

async function handleCommand(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  deps: InteractionDeps,
): Promise<void> {
  const { logger, context } = deps;
  const command = findCommand(context.commands, { discord: interaction.commandName, type: interaction.commandType });
  if (!command) {
    await safeRespond(
      interaction,
      renderNotice({ kind: 'notice', tone: 'warning', text: MESSAGES.unknownCommand(interaction.commandName) }),
      { ephemeral: true, logger },
    );
    return;
  }
  // The server's choices (/settings) for cooldowns and private answers; the environment's where it has none.
  const settings = await settingsFor(context, interaction.guildId, interaction.channelId);
  const wait = deps.cooldowns.take(
    interaction.user.id,
    interaction.channelId,
    settings && { user: settings.cooldownSeconds, channel: settings.channelCooldownSeconds },
  );
  if (wait > 0) {
    await safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'warning', text: MESSAGES.cooldown(wait) }), {
      ephemeral: true,
      logger,
    });
    return;
  }
  const input = interaction.isChatInputCommand() ? inputFromChat(interaction) : inputFromMessage(interaction);
  const requested =
    typeof input.options.private === 'boolean'
      ? input.options.private
      : (command.ephemeral ?? false) || settings?.privateDefault === true;
  const who = { command: command.data.name, user: interaction.user.id, guild: interaction.guildId };
  const asked: AskedQuestion = {
    source: interaction.isChatInputCommand() ? 'slash' : 'find-sources',
    command: command.data.name,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    startedAt: performance.now(),
  };
  const list = listState(command, input, context.kb.version);
  const feedback = settings?.feedback === true;
  const work = async () => {
    const reply = await runCommand(command, input, context, logger, who);
    logQuestion(context, reply, asked, logger);
    const isPrivate = isPrivateReply(requested, reply);
    const own = languageOf(interaction.locale);
    if (isPrivate && !requested && own !== currentLanguage()) {
      // Meant for the channel, it turned out a warning only the asker sees: said again in their language (a
      // warning is cheap to make: a date that cannot be read, an unknown article).
      return inLanguage(own, async () => {
        const again = await runCommand(command, input, context, logger, who);
        return { payload: await renderFirst(again, deps, { isPrivate, list, feedback }), ephemeral: isPrivate };
      });
    }
    return { payload: await renderFirst(reply, deps, { isPrivate, list, feedback }), ephemeral: isPrivate };
  };
  await answerInTime(interaction, work, {
    ephemeral: requested,
    logger,
    ...(deps.deferAfterMs !== undefined ? { deferAfterMs: deps.deferAfterMs } : {}),
  });
}

function sanitizeChoices(choices: readonly { name: string; value: string }[]): { name: string; value: string }[] {
  return choices
    .map((c) => ({
      name: truncate(c.name.replace(/\s+/g, ' ').trim(), LIMITS.choiceName),
      value: c.value.slice(0, LIMITS.choiceValue),
    }))
    .filter((c) => c.name.length > 0 && c.value.length > 0)
    .slice(0, LIMITS.choices);
}

async function handleAutocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const command = findCommand(deps.context.commands, {
    discord: interaction.commandName,
    type: ApplicationCommandType.ChatInput,
  });
  let choices: { name: string; value: string }[] = [];
  try {
    const focused = interaction.options.getFocused(true);
    if (command?.autocomplete)
      choices = sanitizeChoices(
        command.autocomplete(
          { name: focused.name, value: String(focused.value) },
          inputFromChat(interaction),
          deps.context,
        ),
      );
  } catch (error) {
    deps.logger.error(
      { err: error, command: interaction.commandName, user: interaction.user.id },
      'autocomplete failed',
    );
  }
  // Autocomplete cannot be deferred: answer at once, with nothing if something broke.
  await interaction.respond(choices);
}

/**
 * The language an interaction is answered in: the person's own for what only they see (autocomplete, a modal, a
 * private command, a button on a private message), the server's for what the channel sees.
 */
function languageFor(interaction: Interaction, commands: CommandContext['commands']): Language {
  const own = languageOf(interaction.locale);
  const server = interaction.guildLocale !== null ? languageOf(interaction.guildLocale) : own;
  if (interaction.isAutocomplete() || interaction.isModalSubmit()) return own;
  if (interaction.isButton()) return interaction.message.flags.has(MessageFlags.Ephemeral) ? own : server;
  if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
    const command = findCommand(commands, { discord: interaction.commandName, type: interaction.commandType });
    const asked = interaction.isChatInputCommand() ? interaction.options.getBoolean('private') : null;
    return (asked ?? command?.ephemeral ?? false) ? own : server;
  }
  return own;
}

/** The one entry for every interaction, and its error boundary: nothing thrown here reaches the client. */
export function handleInteraction(interaction: Interaction, served: InteractionDeps): Promise<void> {
  return inLanguage(languageFor(interaction, served.context.commands), () => answerInteraction(interaction, served));
}

async function answerInteraction(interaction: Interaction, served: InteractionDeps): Promise<void> {
  const deps = inServerLibrary(served, botInServer(interaction) ? interaction.guildId : undefined);
  try {
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand())
      await handleCommand(interaction, deps);
    else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, deps);
    else if (interaction.isButton()) {
      if (!(await handleVoteButton(interaction, deps))) await handleButton(interaction, deps);
    } else if (interaction.isModalSubmit()) await handleVoteModal(interaction, deps);
  } catch (error) {
    deps.logger.error(
      { err: error, interaction: interaction.id, user: interaction.user.id, kind: interaction.type },
      'interaction failed',
    );
    if (interaction.isRepliable()) {
      await safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'error', text: MESSAGES.commandFailed }), {
        ephemeral: true,
        logger: deps.logger,
      }).catch((inner: unknown) => {
        deps.logger.warn({ err: inner, interaction: interaction.id }, 'could not tell the user about the failure');
      });
    }
  }
}
