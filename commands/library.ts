import { SERVER_ONLY } from './reach.js';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { shelfDir } from '../src/core/knowledge/shelves.js';
import { plainText, type ListReply, type NoticeReply, type Reply } from '../src/core/reply.js';
import type { Article } from '../src/core/types.js';
import { type AddOutcome, addArticleFromFile, addArticleFromLink, looksLikeLink } from '../src/ingest/add-article.js';
import { withDownloadedAttachment } from '../src/ingest/download-attachment.js';
import { describeIngestFailure } from '../src/ingest/outcomes.js';
import { formatDate, formatDateTime, formatNumber } from '../src/i18n/format.js';
import { LIBRARY_MESSAGES as SAY } from '../src/messages.js';
import { type Command, type CommandContext, type CommandInput, type LibraryControl, stringOption } from './command.js';

const HOUR_MS = 3_600_000;
/** Actions read to count this hour's additions: more than any limit a host would set. */
const ACTIONS_READ = 500;
const RECENT_SHOWN = 5;
const CHOICES = 25;

const shelfOption: APIApplicationCommandBasicOption = {
  name: 'shelf',
  description: "This server's shelf (default), or the shared library (LIBRARY_OWNER_IDS only)",
  type: ApplicationCommandOptionType.String,
  choices: [
    { name: "this server's shelf", value: 'server' },
    { name: 'shared library', value: 'shared' },
  ],
};

/** Where an action of /library goes: a server's shelf, or the shared library; and who acts, for the action log. */
interface Target {
  readonly control: LibraryControl;
  /** Absent: the shared library. */
  readonly guildId?: string;
  /** The server whose additions are counted and logged (the console's `server:`, or the interaction's). */
  readonly logServer?: string;
  readonly userId: string;
}

const notice = (text: string, tone: NoticeReply['tone'] = 'warning'): NoticeReply => ({ kind: 'notice', tone, text });

/**
 * Whom /library acts for, and on which shelf. In Discord: a server that invited the bot, Manage Server checked again
 * now, and `shelf:shared` for the people of LIBRARY_OWNER_IDS only. In the console (the host's own): the shared
 * library, or the shelf of `server:<id>`.
 */
function resolveTarget(input: CommandInput, context: CommandContext): Target | NoticeReply {
  const control = context.libraryControl;
  if (control === undefined) return notice(SAY.unavailable, 'info');
  const { invoker } = input;
  if (invoker === undefined) return notice(SAY.unavailable, 'info');
  const shared = stringOption(input, 'shelf') === 'shared';
  if (invoker.kind === 'console') {
    const server = stringOption(input, 'server');
    if (server !== undefined && shelfDir(control.knowledgeDir, server) === undefined) return notice(SAY.consoleUsage);
    return server !== undefined && !shared
      ? { control, guildId: server, logServer: server, userId: 'console' }
      : { control, userId: 'console', ...(server !== undefined ? { logServer: server } : {}) };
  }
  if (invoker.guildId === undefined || !invoker.botInServer) return notice(SAY.needsInvitedServer);
  if (shared) {
    if (!control.ownerIds.includes(invoker.userId)) return notice(SAY.notOwner);
    return { control, logServer: invoker.guildId, userId: invoker.userId };
  }
  if (!invoker.canManageServer) return notice(SAY.needsManageServerHere);
  return { control, guildId: invoker.guildId, logServer: invoker.guildId, userId: invoker.userId };
}

function articlesOf(target: Target): readonly Article[] {
  return target.control.shelfArticles(target.guildId);
}

async function refresh(target: Target): Promise<void> {
  if (target.guildId === undefined) await target.control.refreshShared();
  else await target.control.refreshShelf(target.guildId);
}

function record(target: Target, context: CommandContext, action: string, detail: string): void {
  void context.store?.recordLibraryAction({
    ...(target.logServer !== undefined ? { guildId: target.logServer } : {}),
    userId: target.userId,
    action,
    detail,
  });
}

/** Additions this server made in the last hour, as the store's action log has them; unknown counts as none. */
async function addsThisHour(target: Target, context: CommandContext): Promise<number> {
  if (context.store === undefined || target.logServer === undefined) return 0;
  const read = await context.store.listLibraryActions(target.logServer, ACTIONS_READ);
  if (!read.ok) return 0;
  const since = Date.now() - HOUR_MS;
  return read.value.filter((a) => a.at >= since && (a.action === 'add' || a.action === 'refresh')).length;
}

function addedReply(outcome: Extract<AddOutcome, { kind: 'added' }>, target: Target): NoticeReply {
  const { article } = outcome;
  const first = article.passages[0];
  const source = article.meta.url;
  return {
    kind: 'notice',
    tone: 'info',
    title: article.meta.title,
    text: SAY.added(outcome.refreshed, SAY.shelfName(target.guildId === undefined)),
    fields: [
      { name: SAY.author, value: article.meta.author ?? SAY.unknown },
      {
        name: SAY.published,
        value: article.meta.published !== undefined ? formatDate(article.meta.published) : SAY.unknown,
      },
      { name: SAY.passages, value: formatNumber(article.passages.length) },
      ...(first !== undefined ? [{ name: SAY.firstPassage, value: first.text }] : []),
    ],
    ...(source !== undefined ? { link: { label: SAY.source, url: source } } : {}),
  };
}

async function add(input: CommandInput, target: Target, context: CommandContext): Promise<Reply> {
  const link = stringOption(input, 'link');
  const file = stringOption(input, 'file');
  if (link === undefined && file === undefined) return notice(SAY.needsSource);
  if (link !== undefined && file !== undefined) return notice(SAY.bothSources);
  if (target.guildId !== undefined && (await addsThisHour(target, context)) >= target.control.addsPerHour)
    return notice(SAY.tooManyAdds(target.control.addsPerHour));
  const where = {
    knowledgeDir: target.control.knowledgeDir,
    ...(target.guildId !== undefined ? { server: target.guildId } : {}),
  };
  const options = { allowPrivate: target.control.allowPrivate };
  let outcome: AddOutcome;
  if (link !== undefined) {
    outcome =
      looksLikeLink(link) || input.invoker?.kind !== 'console'
        ? await addArticleFromLink(link, where, options)
        : await addArticleFromFile(link, where, options);
  } else {
    // An attachment: Discord gives its address; its name says its type.
    const name = stringOption(input, 'file-name') ?? path.basename(new URL(file!).pathname);
    outcome = await withDownloadedAttachment(file!, name, (saved) => addArticleFromFile(saved, where, options));
  }
  if (outcome.kind !== 'added') return notice(describeIngestFailure(outcome));
  await refresh(target);
  record(target, context, outcome.refreshed ? 'refresh' : 'add', link ?? stringOption(input, 'file-name') ?? 'file');
  return addedReply(outcome, target);
}

function findArticle(target: Target, wanted: string): Article | undefined {
  const articles = articlesOf(target);
  const lower = wanted.toLowerCase();
  return (
    articles.find((a) => a.slug === wanted) ??
    articles.find((a) => a.meta.title.toLowerCase() === lower) ??
    articles.find((a) => a.file === wanted)
  );
}

async function remove(input: CommandInput, target: Target, context: CommandContext): Promise<Reply> {
  const wanted = stringOption(input, 'article');
  if (wanted === undefined) return notice(SAY.consoleUsage);
  const article = findArticle(target, wanted);
  if (article === undefined) return notice(SAY.noSuchArticle(wanted));
  const dir =
    target.guildId === undefined ? target.control.knowledgeDir : shelfDir(target.control.knowledgeDir, target.guildId)!;
  try {
    await unlink(path.join(dir, path.basename(article.file)));
  } catch (error) {
    return notice(SAY.removeFailed((error as NodeJS.ErrnoException).code ?? String(error)), 'error');
  }
  await refresh(target);
  record(target, context, 'remove', article.slug);
  return notice(SAY.removed(article.meta.title, SAY.shelfName(target.guildId === undefined)), 'info');
}

async function list(target: Target, context: CommandContext): Promise<ListReply> {
  const articles = articlesOf(target);
  const actions =
    context.store !== undefined && target.logServer !== undefined
      ? await context.store.listLibraryActions(target.logServer, RECENT_SHOWN)
      : undefined;
  const recent = actions?.ok === true ? actions.value : [];
  return {
    kind: 'list',
    title: SAY.listTitle(target.guildId === undefined),
    intro: SAY.listIntro(articles.length),
    emptyText: SAY.listEmpty,
    items: [
      ...articles.map((a) => ({
        label: a.meta.title,
        text: plainText(
          [
            a.meta.author,
            a.meta.published && formatDate(a.meta.published),
            `${formatNumber(a.passages.length)} ¶`,
            `id: ${a.slug}`,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
      })),
      ...recent.map((a) => ({
        label: SAY.recentTitle,
        text: plainText(SAY.action(a.action, a.detail, formatDateTime(a.at))),
      })),
    ],
  };
}

export const library = {
  data: {
    name: 'library',
    description: "Add articles to this server's shelf by link or file, remove them, list them",
    type: ApplicationCommandType.ChatInput,
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    ...SERVER_ONLY,
    options: [
      {
        name: 'add',
        description: 'Add an article from a link or a file (.md, .txt, .html, at most 2 MB)',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            name: 'link',
            description: 'The address of a web page',
            type: ApplicationCommandOptionType.String,
            max_length: 2_000,
          },
          { name: 'file', description: 'A .md, .txt or .html file', type: ApplicationCommandOptionType.Attachment },
          shelfOption,
        ],
      },
      {
        name: 'remove',
        description: 'Remove an article from the shelf',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            name: 'article',
            description: 'The article to remove',
            type: ApplicationCommandOptionType.String,
            required: true,
            autocomplete: true,
          },
          shelfOption,
        ],
      },
      {
        name: 'list',
        description: "The shelf's articles and its recent changes",
        type: ApplicationCommandOptionType.Subcommand,
        options: [shelfOption],
      },
    ],
  },
  consoleName: 'library',
  summary: "Add an article by link or file, remove one, or list a server's shelf (Manage Server).",
  usage: SAY.consoleUsage,
  consoleOptions: ['server'],
  restOption: 'link',
  ephemeral: true,

  async execute(input, context) {
    const target = resolveTarget(input, context);
    if ('kind' in target) return target;
    switch (input.subcommand) {
      case 'add':
        return add(input, target, context);
      case 'remove':
        return remove(input, target, context);
      case 'list':
        return list(target, context);
      default:
        return notice(SAY.consoleUsage);
    }
  },

  autocomplete(focused, input, context) {
    if (focused.name !== 'article') return [];
    const target = resolveTarget(input, context);
    if ('kind' in target) return [];
    const typed = focused.value.toLowerCase();
    return articlesOf(target)
      .filter((a) => typed === '' || a.meta.title.toLowerCase().includes(typed) || a.slug.includes(typed))
      .slice(0, CHOICES)
      .map((a) => ({ name: a.meta.title, value: a.slug }));
  },
} as const satisfies Command;
