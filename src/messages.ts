import type { DateBoundError } from './core/facts/bounds.js';
import type { ProblemIssue, UnreadableFile } from './core/knowledge/load.js';
import type { Catalogue } from './i18n/catalogue.js';
import { de } from './i18n/de.js';
import { es } from './i18n/es.js';
import { commandMention, formatNumber as num, optionMention } from './i18n/format.js';
import { fr } from './i18n/fr.js';
import { currentLocale, type Face, inLocale, type Language } from './i18n/locale.js';
import { ru } from './i18n/ru.js';

/**
 * Every sentence Footnote says to a person, in one place: the console, Discord and the scripts all read it here.
 */
const EN_MESSAGES = Object.freeze({
  emptyQuestion: 'Ask a question, for example: how much has China invested in Belarus?',
  noMatch: (query: string) => `The knowledge base does not cover "${query}". These are the articles it holds:`,
  weakMatch: (query: string) => `The knowledge base does not answer "${query}" directly. The nearest passages:`,
  noArticles: 'No article is loaded. Add a Markdown or text file to the knowledge folder.',
  unknownArticle: (text: string) =>
    `No article matches "${text}". Use ${commandMention('sources')} to see the articles.`,
  /** `chosen`: a passage the person picked from the suggestions, which search did not rank for the question. */
  confidence: { high: 'strong match', medium: 'partial match', low: 'weak match', chosen: 'chosen passage' } as const,
  resultOf: (index: number, total: number) => `Result ${num(index)} of ${num(total)}`,
  moreResults: 'More results',
  buttons: {
    previous: '◀ Previous',
    next: 'Next ▶',
    showContext: 'Show context',
    postPublicly: 'Post publicly',
    backToResult: '◀ Back to the result',
    previousPage: '◀ Previous page',
    nextPage: 'Next page ▶',
  } as const,
  pageOf: (page: number, pages: number) => `Page ${num(page)} of ${num(pages)}`,
  sourcesTitle: 'Sources',
  sourcesIntro: (articles: number, passages: number) =>
    `${num(articles)} article${articles === 1 ? '' : 's'}, ${num(passages)} passage${passages === 1 ? '' : 's'} in all.`,
  passagesCount: (n: number) => `${num(n)} passage${n === 1 ? '' : 's'}`,
  timelineTitle: 'Timeline',
  timelineEmpty: 'No dated events match. Try a wider range or another word.',
  /** Marks a date whose year is inferred; not `*`, which Markdown and the plain terminal read as emphasis. */
  inferredMarker: '†',
  inferredDate: 'date inferred from the article’s publication date',
  /** Marks an event the report states without a date, dated by the day the report was published. */
  reportDayMarker: '‡',
  reportDay: 'not dated in the text: announced on the day of the report',
  alsoReported: 'also reported in',
  investmentTitle: 'Investment: figures and passages',
  investmentEmpty: 'No figures about investment, credit, loans or privatisation were found.',
  contextTitle: 'Context',
  /** A `from`/`to` option that is not one calendar date with a year (src/core/facts/bounds.ts says which way). */
  dateBound: (error: DateBoundError): string => {
    switch (error.code) {
      case 'empty':
        return 'Give a date: a year (2020), a month (2020-05 or February 2022) or a day (2022-02-24 or 24 Feb 2022).';
      case 'unreadable':
        return `"${error.text}" is not a date I can read. Try 2020, 2020-05, February 2022, 2022-02-24 or 24 Feb 2022.`;
      case 'no-year':
        return `"${error.text}" has no year. Add one, e.g. "${error.text} 2022".`;
      case 'range':
        return `"${error.text}" is a range; give its first day in "from" and its last in "to".`;
      case 'relative':
        return `"${error.text}" is relative to today; give a calendar date instead, e.g. 2024-08 or August 2024.`;
      case 'ambiguous':
        return `"${error.text}" could be day/month or month/day; write it as 2022-02-24 or 24 Feb 2022.`;
    }
  },
  rangeReversed: (from: string, to: string) => `"from" (${from}) comes after "to" (${to}).`,
  helpTitle: 'Footnote: cited answers from the library',
  helpIntro: 'Every answer is a verbatim excerpt with its citation: article, author, section and paragraph.',
  cooldown: (seconds: number) => `You are asking quickly. Try again in ${num(seconds)} s.`,
  commandFailed: 'Something went wrong on our side while answering. It has been logged; please try again.',
  unknownCommand: (name: string) => `There is no command "${name}". Type ${commandMention('help')} for the list.`,
  staleButton: 'This button belongs to an older answer. Ask again to get fresh results.',
  get foreignButton() {
    return `Only the person who asked can use these buttons. Ask your own question with ${commandMention('ask')}.`;
  },
  voteUp: '👍 Helpful',
  voteDown: '👎 Not helpful',
  voteThanks: 'Thanks: your 👍 is counted. Only you see this.',
  voteDownThanks: 'Thanks for telling us. It helps fix the library. Only you see this.',
  voteNotKept: 'Thanks, but Footnote keeps no votes here (it runs without a store).',
  voteOff: 'This server has turned feedback off, so votes are no longer kept. Only you see this.',
  voteModalTitle: 'What was wrong with this answer?',
  voteReasonLabel: 'What was wrong',
  voteReasonPlaceholder: 'Choose one',
  voteReasons: {
    'wrong-passage': 'The passage does not answer the question',
    'not-in-library': 'The library does not cover this',
    other: 'Something else',
  } as const,
  voteTextLabel: 'Anything to add? (optional)',
  voteTextPlaceholder: 'What were you looking for?',
  findSourcesEmpty: 'That message has no text to look up.',
  findSourcesAbout: 'Sources for a message',
  claimsTitle: 'Claim by claim',
  claimsIntro: (label: string, sourced: number, claims: number) =>
    `${label}: ${num(sourced)} of ${num(claims)} claim${claims === 1 ? '' : 's'} found in the library.`,
  claimNoSource: 'No source found in the library.',
  messageBy: (username: string) => `message by ${username}`,
  mentionHelp: 'Ask me something after the mention, for example: @Footnote how much has China invested in Belarus?',
  consoleBanner: (articles: number, passages: number) =>
    [
      `Footnote console: ${num(articles)} article${articles === 1 ? '' : 's'}, ${num(passages)} passages.`,
      'Type a question, or /help for commands. /quit or Ctrl-D leaves.',
      'To run in Discord instead, set DISCORD_TOKEN and DISCORD_CLIENT_ID in .env (see README).',
    ].join('\n'),
  consoleBye: 'Bye.',
  /** Adding an article by link or file (src/ingest). */
  ingest: {
    badLink: (input: string) =>
      `"${input}" is not a link I can read. Give a full address, such as https://example.org/article.`,
    badScheme: (scheme: string) => `Only http and https links can be added (this one is ${scheme}).`,
    addressClass: {
      loopback: 'this machine',
      private: 'a private network',
      'link-local': 'a link-local address',
      'unique-local': 'a private (unique-local) network',
      'cloud-metadata': 'a cloud metadata service',
      special: 'a reserved or special-purpose address',
    } as const,
    refusedAddress: (host: string, where: string) =>
      `The link was refused: ${host} leads to ${where}, not to the public web.`,
    unresolvable: (host: string) => `No server answers to ${host}. Check the address.`,
    unreachable: (host: string, reason: string) => `${host} could not be reached (${reason}). Try again later.`,
    tooManyRedirects: (limit: number) =>
      `The link redirects more than ${num(limit)} times; give the article's final address.`,
    timeout: (seconds: number) =>
      `The page did not arrive within ${num(seconds)} s. Try again later, or add it as a file.`,
    tooLarge: (megabytes: number) => `That is over the ${num(megabytes)} MB limit for an article.`,
    httpStatus: (status: number) => `The site answered with an error (HTTP ${status}); nothing was added.`,
    unsupportedType: (type: string) =>
      `That link is ${type}, not a web page: only HTML, Markdown and plain text can be added.`,
    notAnArticle:
      'No readable article was found on that page (it looks like navigation or a list of links). Nothing was added.',
    noFile: (file: string) => `There is no file ${file}.`,
    unsupportedFile: (file: string) => `${file} is not .md, .txt or .html; only those can be added.`,
    unreadableFile: (file: string, reason: string) => `${file} cannot be read: ${reason}.`,
    invalidArticle: (reasons: readonly string[]) =>
      `The article would not pass the library's checks: ${reasons.join('; ')}.`,
    badServer: (server: string) => `"${server}" is not a server id (17 to 20 digits).`,
    added: (title: string, passages: number) =>
      `Added “${title}”: ${num(passages)} passage${passages === 1 ? '' : 's'}.`,
    refreshed: (title: string, passages: number) =>
      `Refreshed “${title}”: ${num(passages)} passage${passages === 1 ? '' : 's'}.`,
  },
} as const);

/** What the store's commands (/settings, /gaps, /privacy) and the report say. */
const EN_STORE_MESSAGES = Object.freeze({
  needsServer: 'This command works in a server, not in a DM.',
  needsManageServer: 'You need the Manage Server permission to use this command here.',
  consoleNeedsServer: (usage: string) => `Name the server: ${usage}`,
  storeUnavailable: 'The store is unavailable just now. Try again in a moment.',
  storeMissing: 'Footnote runs without a store here, so there is nothing to show or change.',
  settingsTitle: 'Settings for this server',
  settingsSaved: 'Saved. Footnote applies it at once.',
  settingsQueued: 'Saved; the store is busy, so it applies in a moment.',
  get settingsNothing() {
    return `Nothing to change: give at least one option, for example ${commandMention('settings set', 'reply-mode:thread')}.`;
  },
  channelSaved: (channel: string, on: boolean) =>
    `Mentions in ${channel} are now ${on ? 'answered' : 'not answered'}, whatever the server-wide choice.`,
  settingSource: (own: boolean) => (own ? "this server's choice" : 'default'),
  settingNames: {
    mentions: 'Answer @mentions',
    replyMode: 'Reply mode for mentions',
    cooldownSeconds: 'Cooldown per user (s)',
    channelCooldownSeconds: 'Cooldown per channel (s)',
    privateDefault: 'Answers private by default',
    feedback: '👍/👎 buttons',
    get logging() {
      return `Question log (for ${commandMention('gaps')})`;
    },
  } as const,
  channelOverrides: (list: string) => `Channels with their own mention choice: ${list}`,
  onOff: (on: boolean) => (on ? 'on' : 'off'),
  gapsTitle: (days: number) => `What the library did not answer well, last ${num(days)} days`,
  gapsIntro: (questions: number, up: number, down: number) =>
    `${num(questions)} question${questions === 1 ? '' : 's'} asked; votes 👍 ${num(up)} · 👎 ${num(down)}.`,
  gapsEmpty: 'Nothing to report: every question in this period was answered, and no passage got a 👎.',
  gapsAsked: (count: number) => `asked ${num(count)}×`,
  gapsNearest: (article: string, paragraph: number) => `nearest: ${article} ¶${num(paragraph)}`,
  gapsNoNearest: 'no passage came near',
  gapsDownvoted: (down: number, up: number) => `👎 ${num(down)} · 👍 ${num(up)}`,
  gapsReasons: (reasons: readonly string[]) => (reasons.length === 0 ? 'no reason given' : reasons.join('; ')),
  privacyTitle: 'What Footnote keeps',
  privacy: (days: number) =>
    [
      `For ${commandMention('gaps')}, Footnote logs each question with its channel, a keyed hash of your user id (never the id itself), what it found and how long it took; 👍/👎 votes are kept the same way.`,
      `Logs and votes are deleted after ${num(days)} days, and everything of a server is deleted when Footnote is removed from it.`,
      `A server's managers can turn the log and the buttons off with ${commandMention('settings set', 'logging:false', 'feedback:false')}.`,
    ].join('\n'),
} as const);

/** What /library says. */
const EN_LIBRARY_MESSAGES = Object.freeze({
  unavailable: 'The library cannot be changed from here.',
  needsManageServerHere: "You need the Manage Server permission to change this server's shelf.",
  get needsInvitedServer() {
    return `${commandMention('library')} changes a server's shelf: use it in a server that invited Footnote (not in a DM, and not through a user install).`;
  },
  notOwner: 'Only the people named in LIBRARY_OWNER_IDS may change the shared library from Discord.',
  consoleUsage:
    '/library add <url|path> [server:<id>] | /library remove article:<id> [server:<id>] | /library list [server:<id>]',
  get needsSource() {
    return `Give a link (\`${optionMention('library add', 'link:')}\`) or attach a file (\`${optionMention('library add', 'file:')}\`): .md, .txt or .html, at most 2 MB.`;
  },
  bothSources: 'Give a link or a file, not both.',
  tooManyAdds: (limit: number) =>
    `This server has added ${num(limit)} article${limit === 1 ? '' : 's'} in the last hour, the most it may. Try again later.`,
  added: (refreshed: boolean, shelf: string) =>
    `${refreshed ? 'Refreshed' : 'Added'} on ${shelf}; Footnote answers from it now.`,
  shelfName: (shared: boolean) => (shared ? 'the shared library' : "this server's shelf"),
  author: 'Author',
  published: 'Published',
  passages: 'Passages',
  firstPassage: 'First passage',
  unknown: 'not given',
  source: 'Source',
  noSuchArticle: (wanted: string) =>
    `No article "${wanted}" on this shelf. ${commandMention('library list')} shows what is on it; autocomplete offers its articles.`,
  removed: (title: string, shelf: string) => `Removed "${title}" from ${shelf}.`,
  removeFailed: (reason: string) => `The article's file could not be removed: ${reason}`,
  listTitle: (shared: boolean) => (shared ? 'The shared library' : "This server's shelf"),
  listIntro: (articles: number) =>
    `${num(articles)} article${articles === 1 ? '' : 's'} on this shelf, beside the shared library. Recent changes are listed last.`,
  get listEmpty() {
    return `Nothing on this shelf yet: ${commandMention('library add', 'link:<url>')} puts an article on it.`;
  },
  action: (action: string, detail: string, when: string) => `${action} ${detail} · ${when}`,
  recentTitle: 'Recent changes',
} as const);

export type { Face, Language } from './i18n/locale.js';
/** The translations; English is this module's own text and the command definitions. */
export const TRANSLATIONS: Readonly<Record<Exclude<Language, 'en'>, Catalogue>> = { ru, de, fr, es };

/** The language of the event being answered. */
export function currentLanguage(): Language {
  return currentLocale().language;
}

/** A command's /help line in the language of the event being answered. */
export function commandSummary(command: {
  readonly data: { readonly name: string };
  readonly summary: string;
}): string {
  return currentLocale().catalogue?.commands[`${command.data.name} (summary)`]?.description ?? command.summary;
}

/**
 * Runs `work` (and everything it awaits) with every sentence below in `language`, on `face` (by default the face of
 * the event being answered, Discord outside one): the console passes its own, so that its sentences name commands
 * as they are typed there.
 */
export function inLanguage<T>(language: Language, work: () => T, face: Face = currentLocale().face): T {
  return inLocale({ language, face, ...(language === 'en' ? {} : { catalogue: TRANSLATIONS[language] }) }, work);
}

/**
 * A section of the catalogue in the language of the event being answered (`inLanguage`), English outside one. One
 * name for every language, so that code reads `MESSAGES.staleButton` whatever the person's language.
 */
function localized<T extends object>(english: T, section: 'messages' | 'store' | 'library'): T {
  const source = (): object => (currentLocale().catalogue?.[section] as object | undefined) ?? english;
  // An empty target: a proxy of the frozen English object would have to report its values, whatever the language.
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(source(), key),
    has: (_target, key) => Reflect.has(source(), key),
    ownKeys: () => Reflect.ownKeys(source()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(source(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

export const MESSAGES = localized(EN_MESSAGES, 'messages');
export const STORE_MESSAGES = localized(EN_STORE_MESSAGES, 'store');
export const LIBRARY_MESSAGES = localized(EN_LIBRARY_MESSAGES, 'library');

/** Why a file could not be read; `skipped: the file …`. */
function unreadableText(why: UnreadableFile): string {
  switch (why.code) {
    case 'outside-link':
      return 'is a link to a file outside the knowledge folder; it is not followed';
    case 'not-a-file':
      return 'is not a regular file';
    case 'too-large':
      return `is ${(why.bytes / 1_000_000).toFixed(1)} MB, over the ${why.limit / 1_000_000} MB limit for an article`;
    case 'binary':
      return 'looks binary (it holds NUL bytes), not text';
    case 'not-utf8':
      return 'is not valid UTF-8 text; save it as UTF-8';
    case 'read-failed':
      return `cannot be read: ${why.reason}`;
  }
}

/**
 * What the loader found wrong with a knowledge file, for the host's log, `knowledge:check` and `/library`: the
 * operator's language is English, so these are not translated.
 */
export function describeIssue(issue: ProblemIssue): string {
  switch (issue.code) {
    case 'not-text':
      return `front matter "${issue.key}" should be text; it is ignored`;
    case 'missing-title':
      return 'missing title: add "title:" to the front matter';
    case 'bad-published':
      return `bad date in "published": ${JSON.stringify(issue.value)}; use YYYY, YYYY-MM or YYYY-MM-DD`;
    case 'bad-url':
      return `"url" is not an http(s) address: ${JSON.stringify(issue.url)}; links are left out`;
    case 'alias-not-a-list':
      return 'an alias group must be a list of words or a string like "BRI = Belt and Road Initiative"';
    case 'alias-too-few':
      return `an alias group needs at least two members: ${issue.entry}`;
    case 'byte-order-mark':
      return 'starts with a byte-order mark; it is ignored';
    case 'empty':
      return 'empty file';
    case 'broken-front-matter':
      return `broken front matter: ${issue.reason}`;
    case 'no-paragraphs':
      return 'no paragraphs: the article has a title but no text';
    case 'repeated-paragraph':
      return `paragraph ${issue.paragraph} repeats paragraph ${issue.first}`;
    case 'folder-unreadable':
      return `the knowledge folder ${issue.dir} cannot be read: ${issue.reason}`;
    case 'skipped':
      return `skipped: the file ${unreadableText(issue.why)}`;
    case 'slug-taken':
      return `skipped: its id "${issue.slug}" is already used by ${issue.by}; rename one of them`;
    case 'previous-version-served':
      return 'the previous version is still served';
    case 'no-usable-article':
      return 'no usable article is left';
  }
}
