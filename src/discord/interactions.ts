import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from 'discord.js';
import type { Command, CommandContext, CommandInput } from '../../commands/command.js';
import { runCommand } from '../app/run-command.js';
import { truncate } from '../core/format.js';
import { answerFromPassages, contextOf, type Reply } from '../core/reply.js';
import type { Passage } from '../core/types.js';
import type { Logger } from '../log.js';
import { MESSAGES } from '../messages.js';
import { chatInputOf } from './command-input.js';
import { type AskedQuestion, logQuestion, settingsFor } from './store-hooks.js';
import type { Cooldowns } from './cooldown.js';
import { type ButtonState, decodeButton, isCurrentVersion, type PassageKeys } from './custom-id.js';
import { LIMITS, type MessagePayload } from './limits.js';
import { renderAnswer, renderContext, renderList, renderNotice, renderReply, type ListNav } from './render.js';
import { answerInTime, NO_MENTIONS, safeRespond } from './respond.js';

export interface InteractionDeps {
  readonly context: CommandContext;
  readonly keys: PassageKeys;
  readonly cooldowns: Cooldowns;
  readonly logger: Logger;
  /** Test seam: how long a handler may run before the reply is deferred. */
  readonly deferAfterMs?: number;
}

function findCommand(commands: readonly Command[], name: string, type: number): Command | undefined {
  return commands.find((c) => c.data.name === name && (c.data.type ?? 1) === type);
}

const inputFromChat = chatInputOf;

function inputFromMessage(interaction: MessageContextMenuCommandInteraction): CommandInput {
  const message = interaction.targetMessage;
  return {
    options: {},
    target: { content: message.content, label: `message by ${message.author.username}`, url: message.url },
  };
}

function listNav(command: Command, input: CommandInput, version: string): ListNav {
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.options)) if (value !== undefined) options[name] = String(value);
  return { version, command: command.data.name, options };
}

/** Draws a command's reply for its first message, with the keys its buttons need. */
function renderFirst(
  reply: Reply,
  command: Command,
  input: CommandInput,
  deps: InteractionDeps,
  isPrivate: boolean,
): MessagePayload {
  const version = deps.context.kb.version;
  const keys =
    reply.kind === 'answer' ? reply.results.map((card) => deps.keys.keyOf({ id: card.citation.passageId })) : [];
  return renderReply(reply, { index: 0, private: isPrivate, version, keys }, listNav(command, input, version));
}

async function handleCommand(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  deps: InteractionDeps,
): Promise<void> {
  const { logger, context } = deps;
  const command = findCommand(context.commands, interaction.commandName, interaction.commandType);
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
  const isPrivate =
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
  const work = () =>
    runCommand(command, input, context, logger, who).then((reply) => {
      logQuestion(context, reply, asked, logger);
      return {
        payload: renderFirst(reply, command, input, deps, isPrivate),
        ephemeral: isPrivate || (reply.kind === 'notice' && reply.tone !== 'info'),
      };
    });
  await answerInTime(interaction, work, {
    ephemeral: isPrivate,
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
  const command = findCommand(deps.context.commands, interaction.commandName, 1);
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

async function showAnswerState(
  interaction: ButtonInteraction,
  state: Extract<ButtonState, { kind: 'answer' }>,
  deps: InteractionDeps,
): Promise<void> {
  const { kb } = deps.context;
  const passages = state.keys.map((k) => deps.keys.passage(k)).filter((p): p is Passage => p !== undefined);
  if (passages.length !== state.keys.length) {
    await safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'info', text: MESSAGES.staleButton }), {
      ephemeral: true,
      logger: deps.logger,
    });
    return;
  }
  const reply = answerFromPassages(kb, passages, state.query);
  const index = Math.min(Math.max(state.index, 0), passages.length - 1);
  const view = { index, private: state.private, version: kb.version, keys: state.keys };
  if (state.view === 'publish') {
    await interaction.reply({ ...renderAnswer(reply, { ...view, private: false }), allowedMentions: NO_MENTIONS });
    return;
  }
  const payload =
    state.view === 'context' ? renderContext(reply, contextOf(kb, passages[index]!), view) : renderAnswer(reply, view);
  await interaction.update({ ...payload, allowedMentions: NO_MENTIONS });
}

async function showListState(
  interaction: ButtonInteraction,
  state: Extract<ButtonState, { kind: 'list' }>,
  deps: InteractionDeps,
): Promise<void> {
  const command = findCommand(deps.context.commands, state.command, 1);
  if (!command) {
    await safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'info', text: MESSAGES.staleButton }), {
      ephemeral: true,
      logger: deps.logger,
    });
    return;
  }
  const input: CommandInput = { options: state.options };
  const reply = await runCommand(command, input, deps.context, deps.logger, {
    command: state.command,
    user: interaction.user.id,
  });
  const payload =
    reply.kind === 'list'
      ? renderList(reply, state.page, listNav(command, input, deps.context.kb.version))
      : renderReply(reply, { index: 0, private: false, version: deps.context.kb.version, keys: [] });
  await interaction.update({ ...payload, allowedMentions: NO_MENTIONS });
}

async function handleButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const state = decodeButton(interaction.customId);
  const note = (text: string) =>
    safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'info', text }), {
      ephemeral: true,
      logger: deps.logger,
    });
  if (state.kind === 'foreign' || state.kind === 'malformed' || !isCurrentVersion(deps.context.kb, state.version)) {
    await note(MESSAGES.staleButton);
    return;
  }
  // On a public answer, only the person who asked turns its pages; everyone else is told how to ask their own.
  const asker = interaction.message.interactionMetadata?.user.id;
  if (asker !== undefined && asker !== interaction.user.id && !interaction.message.flags.has(MessageFlags.Ephemeral)) {
    await note(MESSAGES.foreignButton);
    return;
  }
  if (state.kind === 'answer') await showAnswerState(interaction, state, deps);
  else await showListState(interaction, state, deps);
}

/** The one entry for every interaction, and its error boundary: nothing thrown here reaches the client. */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand())
      await handleCommand(interaction, deps);
    else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, deps);
    else if (interaction.isButton()) await handleButton(interaction, deps);
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
