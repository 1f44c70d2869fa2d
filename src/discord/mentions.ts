import { randomBytes } from 'node:crypto';
import { type AnyThreadChannel, DiscordAPIError, type Message, RESTJSONErrorCodes } from 'discord.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import type { CommandContext } from '../../commands/command.js';
import { findCommand } from '../../commands/index.js';
import type { ServedLibraries } from '../app/library-holder.js';
import { runCommand } from '../app/run-command.js';
import { truncate } from '../core/format.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { inLanguage, MESSAGES } from '../messages.js';
import { languageOf } from '../i18n/index.js';
import type { ButtonStateStore } from './button-state.js';
import type { Cooldowns } from './cooldown.js';
import { logQuestion, settingsFor } from './store-hooks.js';
import { renderFirst } from './buttons.js';
import { type EarlierQuestion, followUpOf } from '../core/follow-up.js';
import { decodeButton, parseButtonState } from './custom-id.js';
import { LIMITS } from './limits.js';
import { NO_MENTIONS } from './respond.js';
import { inServerLibrary } from './server-library.js';

export interface MentionDeps {
  readonly context: CommandContext;
  readonly libraries: ServedLibraries;
  readonly buttonStates: ButtonStateStore;
  readonly stateTtlMs: number;
  readonly cooldowns: Cooldowns;
  readonly config: Pick<Config, 'mentionReplies' | 'mentionReplyMode'>;
  readonly logger: Logger;
  /**
   * Channels where sending failed for want of permission: logged once each, never retried. The bot instance owns
   * it (until it restarts, when permissions may have changed).
   */
  readonly silencedChannels: Set<string>;
}

/** The question in `@Footnote question`: the text with the bot's own mention tokens taken out. */
export function questionFromMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The bot's message that `message` replies to, if it replies to one. */
async function repliedToBot(message: Message, botId: string): Promise<Message | undefined> {
  const id = message.reference?.messageId;
  if (id === undefined || message.reference?.channelId !== message.channelId) return undefined;
  // The gateway sends the replied-to message with the reply, and discord.js caches it; a fetch is the fallback.
  const replied = message.channel.messages.cache.get(id) ?? (await message.fetchReference().catch(() => undefined));
  return replied?.author.id === botId ? replied : undefined;
}

/** In a thread the bot started for an answer, the bot's latest message there: a mention in it follows that up. */
async function latestAnswerInBotThread(message: Message, botId: string): Promise<Message | undefined> {
  const channel = message.channel;
  if (!channel.isThread() || channel.ownerId !== botId) return undefined;
  const mine = (messages: Iterable<Message>) =>
    [...messages]
      .filter((m) => m.author.id === botId && m.id !== message.id)
      .sort((a, b) => b.createdTimestamp - a.createdTimestamp)[0];
  const cached = mine(channel.messages.cache.values());
  if (cached) return cached;
  const fetched = await channel.messages.fetch({ limit: 20 }).catch(() => undefined);
  return fetched ? mine(fetched.values()) : undefined;
}

/**
 * The question an answer of the bot's was for, read from the state its buttons keep; undefined for a message
 * that is not an answer (a notice), or whose state is gone or cannot be read just now.
 */
async function earlierQuestionOf(answer: Message, deps: MentionDeps): Promise<EarlierQuestion | undefined> {
  for (const row of answer.components) {
    if (!('components' in row)) continue;
    for (const component of row.components) {
      const customId = 'customId' in component ? component.customId : null;
      const decoded = customId ? decodeButton(customId) : undefined;
      if (decoded?.kind !== 'stored') continue;
      try {
        const json = await deps.buttonStates.get(decoded.key);
        const state = json === undefined ? undefined : parseButtonState(json);
        if (state?.kind !== 'answer') return undefined;
        return {
          query: state.query,
          ...(state.article !== undefined ? { article: state.article } : {}),
          ...(state.context !== undefined ? { context: state.context } : {}),
        };
      } catch (error) {
        deps.logger.warn({ err: error }, 'follow-up: the earlier answer cannot be read; answered on its own');
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Starts the thread of the answer on `message`. discord.js retries the POST after a 5xx, and a 5xx can come after
 * the thread was made: the retry then meets 160004 (a thread already exists for this message), and the answer
 * goes into that thread, which has the message's id.
 */
async function threadFor(message: Message<true>, name: string): Promise<AnyThreadChannel> {
  try {
    return await message.startThread({ name });
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage))
      throw error;
    const existing = await message.channel.client.channels.fetch(message.id);
    if (!existing?.isThread()) throw error;
    return existing;
  }
}

/**
 * `@Footnote question` in a channel: the same answer as /ask, as a reply to the message (or in a thread).
 * Messages from bots, including Footnote itself, are ignored, so two bots can never answer each other forever.
 */
export function handleMention(message: Message, served: MentionDeps): Promise<void> {
  // An answer in a channel is for everyone there: in the server's language.
  return inLanguage(languageOf(message.guild?.preferredLocale), () => answerMention(message, served));
}

async function answerMention(message: Message, served: MentionDeps): Promise<void> {
  const me = message.client.user;
  if (message.author.bot || message.author.id === me.id || message.system) return;
  // A direct mention of the bot's user (not @everyone or a role), or a reply to one of its answers.
  const mentioned = new RegExp(`<@!?${me.id}>`).test(message.content);
  // Only a reply that pinged the bot is looked at: any other would cost a look-up (maybe a fetch) for nothing.
  const repliedTo =
    message.reference !== null && message.mentions.users.has(me.id) ? await repliedToBot(message, me.id) : undefined;
  if (!mentioned && !repliedTo) return;
  // A reply that did not ping the bot arrives without its text: there is nothing to answer.
  if (!mentioned && questionFromMention(message.content, me.id) === '') return;
  if (served.silencedChannels.has(message.channelId)) return;

  // The gateway sends a server's messages only to a bot that is in it: its shelf is this server's to see.
  const deps = inServerLibrary(served, message.guildId);
  const { logger, context } = deps;
  // The server's choice for this channel (/settings), else the environment's.
  const settings = await settingsFor(context, message.guildId, message.channelId);
  if (!(settings?.mentions ?? deps.config.mentionReplies)) return;
  const startedAt = performance.now();
  try {
    const seconds = settings && { user: settings.cooldownSeconds, channel: settings.channelCooldownSeconds };
    if (deps.cooldowns.take(message.author.id, message.channelId, seconds) > 0) {
      logger.debug({ user: message.author.id, channel: message.channelId }, 'mention ignored: cooldown');
      return;
    }
    const question = questionFromMention(message.content, me.id);
    const ask = findCommand(context.commands, { discord: 'ask', type: ApplicationCommandType.ChatInput });
    const answered = repliedTo ?? (mentioned ? await latestAnswerInBotThread(message, me.id) : undefined);
    const earlier = answered && (await earlierQuestionOf(answered, deps));
    const follow = earlier ? followUpOf(question, earlier) : { question };
    // The earlier answer's article may have left the library since; the follow-up then searches all of it.
    const article =
      follow.article !== undefined && context.kb.resolveArticle(follow.article) ? follow.article : undefined;
    const reply =
      question === '' || !ask
        ? ({ kind: 'notice', tone: 'info', text: MESSAGES.mentionHelp } as const)
        : await runCommand(
            ask,
            {
              options: { question: follow.question, ...(article !== undefined ? { article } : {}) },
              ...(follow.context !== undefined ? { context: follow.context } : {}),
            },
            context,
            logger,
            { command: earlier ? 'follow-up' : 'mention', user: message.author.id },
          );
    logQuestion(
      context,
      reply,
      {
        source: 'mention',
        command: 'ask',
        guildId: message.guildId,
        channelId: message.channelId,
        userId: message.author.id,
        startedAt,
      },
      logger,
    );
    const payload = await renderFirst(reply, deps, { isPrivate: false, feedback: settings?.feedback === true });

    // discord.js retries a POST after a 5xx, and a 5xx can come after the message was posted. With a nonce that
    // Discord enforces, the retry returns the first message instead of posting it twice. Random rather than a
    // snowflake, so bots in other processes (shards) never pick the same one; 20 characters, within LIMITS.nonce.
    const send = {
      ...payload,
      allowedMentions: NO_MENTIONS,
      nonce: randomBytes(15).toString('base64url'),
      enforceNonce: true,
    };
    if (
      (settings?.replyMode ?? deps.config.mentionReplyMode) === 'thread' &&
      question !== '' &&
      message.inGuild() &&
      !message.channel.isThread() &&
      'threads' in message.channel
    ) {
      const thread = await threadFor(message, truncate(question, LIMITS.threadName));
      await thread.send(send);
    } else {
      await message.reply(send);
    }
  } catch (error) {
    if (
      error instanceof DiscordAPIError &&
      (error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)
    ) {
      deps.silencedChannels.add(message.channelId);
      logger.warn(
        { channel: message.channelId, code: error.code },
        'cannot send in this channel: missing permission; mentions there are ignored until restart',
      );
      return;
    }
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) {
      logger.info({ channel: message.channelId }, 'the mentioning message was deleted before the answer');
      return;
    }
    logger.error({ err: error, user: message.author.id, channel: message.channelId }, 'mention failed');
  }
}
