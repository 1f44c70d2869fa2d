import type { CommandContext } from '../../commands/command.js';
import type { Reply } from '../core/reply.js';
import type { Logger } from '../log.js';
import { effectiveSettings, type EffectiveSettings, type QuestionInput, type QuestionSource } from '../store/index.js';

/**
 * Where the Discord face meets the store: the settings that apply in a channel, the question log, and a server's
 * removal. None of it holds up an answer: settings come from a short cache, and writes are queued.
 */

/** An answer waits at most this long for a server's settings (a cache miss on a slow store); then defaults apply. */
export const SETTINGS_READ_WAIT_MS = 250;

/** The settings in force in one channel: the server's choices over the environment's, the defaults when unreadable. */
export async function settingsFor(
  context: CommandContext,
  guildId: string | null | undefined,
  channelId?: string,
): Promise<EffectiveSettings | undefined> {
  const defaults = context.settingsDefaults;
  if (defaults === undefined) return undefined;
  if (context.store === undefined || guildId === null || guildId === undefined) return defaults;
  let timer: NodeJS.Timeout | undefined;
  const read = await Promise.race([
    context.store.getGuildSettings(guildId),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), SETTINGS_READ_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  return effectiveSettings(defaults, read?.ok === true ? read.value : undefined, channelId);
}

export interface AskedQuestion {
  readonly source: QuestionSource;
  readonly command: string;
  readonly guildId?: string | null;
  readonly channelId?: string | null;
  readonly userId: string;
  readonly startedAt: number;
}

/** The log entry for an answer; undefined for what is not an answer to a question (a list, a notice, an empty query). */
export function questionEntry(reply: Reply, asked: AskedQuestion, now: number): QuestionInput | undefined {
  if (reply.kind !== 'answer' || reply.status === 'empty') return undefined;
  return {
    ...(asked.guildId != null ? { guildId: asked.guildId } : {}),
    ...(asked.channelId != null ? { channelId: asked.channelId } : {}),
    userId: asked.userId,
    source: asked.source,
    command: asked.command,
    question: reply.query,
    outcome: reply.status,
    passages: reply.results.map((card) => ({
      passageId: card.citation.passageId,
      article: card.citation.articleSlug,
      paragraph: card.citation.paragraph,
      confidence: card.confidence,
    })),
    elapsedMs: now - asked.startedAt,
  };
}

/** Logs an answered question when the server (or the environment) keeps the log; never waits, never throws. */
export function logQuestion(context: CommandContext, reply: Reply, asked: AskedQuestion, logger: Logger): void {
  const store = context.store;
  const entry = questionEntry(reply, asked, performance.now());
  if (store === undefined || entry === undefined) return;
  void settingsFor(context, asked.guildId, asked.channelId ?? undefined)
    .then((settings) => (settings?.logging === false ? undefined : store.recordQuestion(entry)))
    .catch((error: unknown) => logger.warn({ err: error }, 'question not logged'));
}

/** GUILD_DELETE without `unavailable`: Footnote was removed from the server, so everything of it goes. */
export function forgetServer(context: CommandContext, guildId: string, logger: Logger): void {
  if (context.store === undefined) return;
  void context.store.deleteServer(guildId).then((outcome) => {
    if (outcome === 'written') logger.info({ guild: guildId }, 'removed from a server: its data was deleted');
    else logger.error({ guild: guildId, outcome }, 'removed from a server, but its data could not be deleted');
  });
}
