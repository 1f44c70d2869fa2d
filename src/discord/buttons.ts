import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import type { Command, CommandContext, CommandInput } from '../../commands/command.js';
import { findCommand } from '../../commands/index.js';
import type { ServedLibraries } from '../app/library-holder.js';
import { runCommand } from '../app/run-command.js';
import { citePassage } from '../core/citation.js';
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
import { StoreUnavailableError } from '../store/store.js';
import { formatNumber } from '../i18n/format.js';
import { MESSAGES, STORE_MESSAGES } from '../messages.js';
import type { ButtonStateStore } from './button-state.js';
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
  storedKeyOf,
  type VoteTarget,
} from './custom-id.js';
import type { MessagePayload } from './limits.js';
import { listPages, renderAnswer, renderContext, renderList, renderNotice } from './render.js';
import { NO_MENTIONS, safeRespond } from './respond.js';

/**
 * Buttons, both ends: the state a reply's buttons carry when it is first drawn (`renderFirst`), and what a press
 * shows (`handleButton`), from that state alone.
 */

export interface ButtonDeps {
  readonly context: CommandContext;
  /** The shared library and the servers' shelves; `context.kb` is the one this event's server sees. */
  readonly libraries: ServedLibraries;
  /** Where button state that does not fit in a custom_id is kept. */
  readonly buttonStates: ButtonStateStore;
  readonly stateTtlMs: number;
  readonly logger: Logger;
}

export function listState(command: Command, input: CommandInput, version: string): ListState {
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.options)) if (value !== undefined) options[name] = String(value);
  return { kind: 'list', version, command: command.data.name, options };
}

function answerState(reply: AnswerReply, version: string, isPrivate: boolean, feedback = false): AnswerState {
  return {
    kind: 'answer',
    version,
    query: reply.query,
    status: reply.status,
    private: isPrivate,
    ...(reply.about ? { about: reply.about } : {}),
    cards: reply.results.map(recordCard),
    ...(feedback ? { feedback: true } : {}),
    ...(reply.article !== undefined ? { article: reply.article } : {}),
    ...(reply.context !== undefined ? { context: reply.context } : {}),
  };
}

/** What an answer's 👍/👎 name: the key its state is kept under, and its top passage. */
function voteTarget(state: AnswerState, ids: ButtonIds): VoteTarget | undefined {
  const key = state.feedback === true ? storedKeyOf(ids) : undefined;
  if (key === undefined) return undefined;
  const top = state.cards[0]?.passageId;
  return top === undefined ? { key } : { key, passageId: top };
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
  deps: Pick<ButtonDeps, 'buttonStates' | 'stateTtlMs' | 'context'>,
  options: { readonly isPrivate: boolean; readonly list?: ListState; readonly feedback?: boolean },
): Promise<MessagePayload> {
  const ttlMs = deps.stateTtlMs;
  switch (reply.kind) {
    case 'answer': {
      const total = reply.results.length;
      if (total === 0) return renderAnswer(reply, { index: 0, private: options.isPrivate, ids: NO_BUTTONS });
      const state = answerState(reply, deps.context.kb.version, options.isPrivate, options.feedback === true);
      const ids = await buttonIdsFor(state, deps.buttonStates, { ttlMs, maxIndex: total });
      const votes = voteTarget(state, ids);
      return renderAnswer(reply, { index: 0, private: options.isPrivate, ids, ...(votes ? { votes } : {}) });
    }
    case 'list': {
      const pages = listPages(reply);
      const ids =
        options.list && pages > 1
          ? await buttonIdsFor(options.list, deps.buttonStates, { ttlMs, maxIndex: pages })
          : undefined;
      return renderList(reply, 0, ids);
    }
    case 'notice':
      return renderNotice(reply);
  }
}

export interface PressDeps extends ButtonDeps {
  /** Decodes the passage keys of buttons in the first format. */
  readonly legacyKeys: PassageKeys;
}

/** The paragraphs around a result, the result's own marked and bold: what "Show context" shows. */
export function contextList(kb: KnowledgeBase, passage: Passage): ListReply {
  return {
    kind: 'list',
    title: `${MESSAGES.contextTitle} · ${kb.articleOf(passage).meta.title}`,
    items: kb.neighbours(passage).map((p) => ({
      label: `¶${formatNumber(p.paragraph)}${p.id === passage.id ? ' ▶' : ''}`,
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
async function pressedLegacy(state: LegacyButtonState, deps: PressDeps): Promise<Pressed | undefined> {
  const { kb } = deps.context;
  if (state.kind === 'list') {
    const list: ListState = { kind: 'list', version: kb.version, command: state.command, options: state.options };
    // The page count is not known before the command runs; 999 pages covers any list for the inline check.
    const ids = await buttonIdsFor(list, deps.buttonStates, { ttlMs: deps.stateTtlMs, maxIndex: 999 });
    return { state: list, index: state.page, view: 'page', ids };
  }
  const passages = state.keys.map((k) => deps.legacyKeys.passage(k)).filter((p): p is Passage => p !== undefined);
  if (passages.length !== state.keys.length) return undefined;
  const answer = answerState(answerFromPassages(kb, passages, state.query), kb.version, state.private);
  const ids = await buttonIdsFor(answer, deps.buttonStates, { ttlMs: deps.stateTtlMs, maxIndex: passages.length });
  return { state: answer, index: state.index, view: state.view, ids };
}

async function resolvePress(customId: string, deps: PressDeps): Promise<Pressed | undefined> {
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
      const json = await deps.buttonStates.get(decoded.key);
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

/** What a press shows: a payload in place of the message, one posted as a new message, or nothing (stale). */
type Shown = { readonly update: MessagePayload } | { readonly post: MessagePayload } | undefined;

async function answerView(pressed: Pressed & { readonly state: AnswerState }, deps: PressDeps): Promise<Shown> {
  const { kb } = deps.context;
  const { state } = pressed;
  const cards = state.cards.map((record) => cardFromRecord(kb, record));
  if (cards.length === 0 || cards.some((card) => card === undefined)) return undefined;
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
    const ids = await buttonIdsFor({ ...state, private: false }, deps.buttonStates, {
      ttlMs: deps.stateTtlMs,
      maxIndex: cards.length,
    });
    const votes = voteTarget(state, ids);
    return { post: renderAnswer(reply, { index, private: false, ids, ...(votes ? { votes } : {}) }) };
  }
  const votes = voteTarget(state, pressed.ids);
  const view = { index, private: state.private, ids: pressed.ids, ...(votes ? { votes } : {}) };
  const passage = kb.passage(cards[index]!.citation.passageId)!;
  return {
    update: pressed.view === 'context' ? renderContext(contextList(kb, passage), view) : renderAnswer(reply, view),
  };
}

/** A list's page, drawn by running its command again with every option it had. */
async function listView(
  pressed: Pressed & { readonly state: ListState },
  deps: PressDeps,
  user: string,
): Promise<Shown> {
  const { state } = pressed;
  // Slash commands' lists, and the claim-by-claim list of the message menu's "Find sources".
  const command =
    findCommand(deps.context.commands, { discord: state.command, type: ApplicationCommandType.ChatInput }) ??
    findCommand(deps.context.commands, { discord: state.command, type: ApplicationCommandType.Message });
  if (!command) return undefined;
  const reply = await runCommand(command, { options: state.options }, deps.context, deps.logger, {
    command: state.command,
    user,
  });
  return {
    update:
      reply.kind === 'list'
        ? renderList(reply, pressed.index, pressed.ids)
        : await renderFirst(reply, deps, { isPrivate: false }),
  };
}

export async function handleButton(interaction: ButtonInteraction, deps: PressDeps): Promise<void> {
  const note = (text: string) =>
    safeRespond(interaction, renderNotice({ kind: 'notice', tone: 'info', text }), {
      ephemeral: true,
      logger: deps.logger,
    });
  let pressed: Pressed | undefined;
  try {
    pressed = await resolvePress(interaction.customId, deps);
  } catch (error) {
    // The store holding the button's state is down (PostgreSQL restarting): not the user's fault, and not stale.
    if (!(error instanceof StoreUnavailableError)) throw error;
    deps.logger.warn({ err: error }, 'button state unavailable');
    await note(STORE_MESSAGES.storeUnavailable);
    return;
  }
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
      ? await answerView({ ...pressed, state: pressed.state }, deps)
      : await listView({ ...pressed, state: pressed.state }, deps, interaction.user.id);
  if (shown === undefined) await note(MESSAGES.staleButton);
  else if ('post' in shown) await interaction.reply({ ...shown.post, allowedMentions: NO_MENTIONS });
  else await interaction.update({ ...shown.update, allowedMentions: NO_MENTIONS });
}
