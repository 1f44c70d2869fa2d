import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import type { Command, CommandContext, CommandInput, OptionValue } from '../../commands/command.js';
import { findCommand } from '../../commands/index.js';
import { runCommand } from '../app/run-command.js';
import { citePassage } from '../core/citation.js';
import { truncate } from '../core/format.js';
import type { KnowledgeBase } from '../core/knowledge-base.js';
import {
  type AnswerReply,
  answerFromPassages,
  cardFromRecord,
  type ListReply,
  plainText,
  recordCard,
  type Reply,
  type ResultCard,
} from '../core/reply.js';
import type { Passage } from '../core/types.js';
import type { Logger } from '../log.js';
import { MESSAGES } from '../messages.js';
import type { ButtonStateStore } from './button-state.js';
import type { Cooldowns } from './cooldown.js';
import {
  type AnswerState,
  type ButtonAction,
  type ButtonIds,
  buttonIdsFor,
  decodeButton,
  encodeInline,
  encodeStored,
  isCurrentVersion,
  type LegacyButtonState,
  type ListState,
  parseButtonState,
  type PassageKeys,
} from './custom-id.js';
import { LIMITS, type MessagePayload } from './limits.js';
import { listPages, renderAnswer, renderContext, renderList, renderNotice } from './render.js';
import { answerInTime, NO_MENTIONS, safeRespond } from './respond.js';

export interface InteractionDeps {
  readonly context: CommandContext;
  /** Where button state that does not fit in a custom_id is kept. */
  readonly store: ButtonStateStore;
  readonly stateTtlMs: number;
  /** Decodes the passage keys of buttons in the first format. */
  readonly legacyKeys: PassageKeys;
  readonly cooldowns: Cooldowns;
  readonly logger: Logger;
  /** Test seam: how long a handler may run before the reply is deferred. */
  readonly deferAfterMs?: number;
}

function inputFromChat(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandInput {
  const options: Record<string, OptionValue | undefined> = {};
  for (const option of interaction.options.data) {
    if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean')
      options[option.name] = option.value;
  }
  return { options };
}

function inputFromMessage(interaction: MessageContextMenuCommandInteraction): CommandInput {
  const message = interaction.targetMessage;
  return {
    options: {},
    target: { content: message.content, label: `message by ${message.author.username}`, url: message.url },
  };
}

function listState(command: Command, input: CommandInput, version: string): ListState {
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.options)) if (value !== undefined) options[name] = String(value);
  return { kind: 'list', version, command: command.data.name, options };
}

function answerState(reply: AnswerReply, version: string, isPrivate: boolean): AnswerState {
  return {
    kind: 'answer',
    version,
    query: reply.query,
    status: reply.status,
    private: isPrivate,
    ...(reply.about ? { about: reply.about } : {}),
    cards: reply.results.map(recordCard),
  };
}

/** An answer with no result has no buttons and never asks for an id. */
const NO_BUTTONS: ButtonIds = () => {
  throw new Error('this reply has no buttons');
};

/**
 * Draws a reply for its first message (an answer's first result, a list's first page) with its buttons; their
 * state is encoded, or stored, only when the reply has buttons at all. `list` is the command and options that
 * page a list.
 */
export async function renderFirst(
  reply: Reply,
  deps: Pick<InteractionDeps, 'store' | 'stateTtlMs' | 'context'>,
  options: { readonly isPrivate: boolean; readonly list?: ListState },
): Promise<MessagePayload> {
  const ttlMs = deps.stateTtlMs;
  switch (reply.kind) {
    case 'answer': {
      const total = reply.results.length;
      const ids =
        total > 0
          ? await buttonIdsFor(answerState(reply, deps.context.kb.version, options.isPrivate), deps.store, {
              ttlMs,
              maxIndex: total,
            })
          : NO_BUTTONS;
      return renderAnswer(reply, { index: 0, private: options.isPrivate, ids });
    }
    case 'list': {
      const pages = listPages(reply);
      const ids =
        options.list && pages > 1
          ? await buttonIdsFor(options.list, deps.store, { ttlMs, maxIndex: pages })
          : undefined;
      return renderList(reply, 0, ids);
    }
    case 'notice':
      return renderNotice(reply);
  }
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
  const wait = deps.cooldowns.take(interaction.user.id, interaction.channelId);
  if (wait > 0) {
    await safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'warning', text: MESSAGES.cooldown(wait) }), {
      ephemeral: true,
      logger,
    });
    return;
  }
  const input = interaction.isChatInputCommand() ? inputFromChat(interaction) : inputFromMessage(interaction);
  const requested = typeof input.options.private === 'boolean' ? input.options.private : (command.ephemeral ?? false);
  const who = { command: command.data.name, user: interaction.user.id, guild: interaction.guildId };
  const list = listState(command, input, context.kb.version);
  const work = async () => {
    const reply = await runCommand(command, input, context, logger, who);
    const isPrivate = isPrivateReply(requested, reply);
    return { payload: await renderFirst(reply, deps, { isPrivate, list }), ephemeral: isPrivate };
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

/** The paragraphs around a result, the result's own marked and bold: what "Show context" shows. */
export function contextList(kb: KnowledgeBase, passage: Passage): ListReply {
  return {
    kind: 'list',
    title: `${MESSAGES.contextTitle} · ${kb.articleOf(passage).meta.title}`,
    items: kb.neighbours(passage).map((p) => ({
      label: `¶${p.paragraph}${p.id === passage.id ? ' ▶' : ''}`,
      text: p.id === passage.id ? { text: p.text, highlights: [{ start: 0, end: p.text.length }] } : plainText(p.text),
      citation: citePassage(kb.articleOf(p), p),
    })),
    emptyText: '',
  };
}

/** A pressed button, resolved: the state it belongs to, what it asks for, and the ids for the buttons drawn next. */
interface Pressed {
  readonly state: AnswerState | ListState;
  readonly index: number;
  readonly view: 'result' | 'context' | 'publish' | 'page';
  readonly ids: ButtonIds;
}

/** Reads a button of the first format as it was read then, and carries its state over to the current one. */
async function pressedLegacy(state: LegacyButtonState, deps: InteractionDeps): Promise<Pressed | undefined> {
  const { kb } = deps.context;
  if (state.kind === 'list') {
    const list: ListState = { kind: 'list', version: kb.version, command: state.command, options: state.options };
    // The page count is not known before the command runs; 999 pages covers any list for the inline check.
    const ids = await buttonIdsFor(list, deps.store, { ttlMs: deps.stateTtlMs, maxIndex: 999 });
    return { state: list, index: state.page, view: 'page', ids };
  }
  const passages = state.keys.map((k) => deps.legacyKeys.passage(k)).filter((p): p is Passage => p !== undefined);
  if (passages.length !== state.keys.length) return undefined;
  const answer = answerState(answerFromPassages(kb, passages, state.query), kb.version, state.private);
  const ids = await buttonIdsFor(answer, deps.store, { ttlMs: deps.stateTtlMs, maxIndex: passages.length });
  return { state: answer, index: state.index, view: state.view, ids };
}

async function resolvePress(customId: string, deps: InteractionDeps): Promise<Pressed | undefined> {
  const decoded = decodeButton(customId);
  const { kb } = deps.context;
  switch (decoded.kind) {
    case 'foreign':
    case 'malformed':
      return undefined;
    case 'legacy':
      return isCurrentVersion(kb, decoded.state.version) ? pressedLegacy(decoded.state, deps) : undefined;
    case 'inline': {
      const { state, action } = decoded;
      if (!isCurrentVersion(kb, state.version)) return undefined;
      return { state, ...action, ids: (next) => encodeInlineOrThrow(state, next) };
    }
    case 'stored': {
      const json = await deps.store.get(decoded.key);
      const state = json === undefined ? undefined : parseButtonState(json);
      if (!state || !isCurrentVersion(kb, state.version)) return undefined;
      return { state, ...decoded.action, ids: (next) => encodeStored(decoded.key, next) };
    }
  }
}

function encodeInlineOrThrow(state: ListState, action: ButtonAction): string {
  const id = encodeInline(state, action);
  if (id === undefined) throw new Error('an inline button state no longer fits its custom_id');
  return id;
}

async function showAnswer(
  interaction: ButtonInteraction,
  pressed: Pressed & { readonly state: AnswerState },
  deps: InteractionDeps,
): Promise<boolean> {
  const { kb } = deps.context;
  const { state } = pressed;
  const cards = state.cards.map((record) => cardFromRecord(kb, record));
  if (cards.length === 0 || cards.some((card) => card === undefined)) return false;
  const reply: AnswerReply = {
    kind: 'answer',
    query: state.query,
    status: state.status,
    results: cards as ResultCard[],
    articles: [],
    ...(state.about ? { about: state.about } : {}),
  };
  const index = Math.min(Math.max(pressed.index, 0), cards.length - 1);
  if (pressed.view === 'publish') {
    const ids = await buttonIdsFor({ ...state, private: false }, deps.store, {
      ttlMs: deps.stateTtlMs,
      maxIndex: cards.length,
    });
    await interaction.reply({ ...renderAnswer(reply, { index, private: false, ids }), allowedMentions: NO_MENTIONS });
    return true;
  }
  const view = { index, private: state.private, ids: pressed.ids };
  const passage = kb.passage(cards[index]!.citation.passageId)!;
  const payload =
    pressed.view === 'context' ? renderContext(contextList(kb, passage), view) : renderAnswer(reply, view);
  await interaction.update({ ...payload, allowedMentions: NO_MENTIONS });
  return true;
}

async function showList(
  interaction: ButtonInteraction,
  pressed: Pressed & { readonly state: ListState },
  deps: InteractionDeps,
): Promise<boolean> {
  const { state } = pressed;
  const command = findCommand(deps.context.commands, {
    discord: state.command,
    type: ApplicationCommandType.ChatInput,
  });
  if (!command) return false;
  const reply = await runCommand(command, { options: state.options }, deps.context, deps.logger, {
    command: state.command,
    user: interaction.user.id,
  });
  const payload =
    reply.kind === 'list'
      ? renderList(reply, pressed.index, pressed.ids)
      : await renderFirst(reply, deps, { isPrivate: false });
  await interaction.update({ ...payload, allowedMentions: NO_MENTIONS });
  return true;
}

async function handleButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const note = (text: string) =>
    safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'info', text }), {
      ephemeral: true,
      logger: deps.logger,
    });
  const pressed = await resolvePress(interaction.customId, deps);
  if (!pressed) {
    await note(MESSAGES.staleButton);
    return;
  }
  // On a public answer, only the person who asked turns its pages; everyone else is told how to ask their own.
  const asker = interaction.message.interactionMetadata?.user.id;
  if (asker !== undefined && asker !== interaction.user.id && !interaction.message.flags.has(MessageFlags.Ephemeral)) {
    await note(MESSAGES.foreignButton);
    return;
  }
  const shown =
    pressed.state.kind === 'answer'
      ? await showAnswer(interaction, { ...pressed, state: pressed.state }, deps)
      : await showList(interaction, { ...pressed, state: pressed.state }, deps);
  if (!shown) await note(MESSAGES.staleButton);
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
