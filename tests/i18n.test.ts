import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS, validateCommands } from '../commands/index.js';
import { commandTextKeys, registrationOf } from '../commands/localize.js';
import { LIMITS } from '../src/discord/limits.js';
import type { DatePoint } from '../src/core/facts/types.js';
import {
  citationLine,
  commandMention,
  formatDate,
  formatDateTime,
  formatNumber,
  menuCommandName,
  optionMention,
} from '../src/i18n/format.js';
import { DISCORD_LOCALES, inLanguage, LANGUAGES, type Language, languageOf } from '../src/i18n/index.js';
import { LIBRARY_MESSAGES, MESSAGES, STORE_MESSAGES } from '../src/messages.js';

const TRANSLATED = Object.keys(DISCORD_LOCALES) as (keyof typeof DISCORD_LOCALES)[];
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Every leaf key of a catalogue section, as `a.b.c`. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe.each(TRANSLATED)('the %s catalogue', (language) => {
  const catalogue = LANGUAGES[language];

  it('fills every key of the English one, and no other', () => {
    expect(leafKeys(catalogue.messages).sort()).toEqual(leafKeys(MESSAGES).sort());
    expect(leafKeys(catalogue.store).sort()).toEqual(leafKeys(STORE_MESSAGES).sort());
    expect(leafKeys(catalogue.library).sort()).toEqual(leafKeys(LIBRARY_MESSAGES).sort());
    expect(Object.keys(catalogue.commands).sort()).toEqual(commandTextKeys(COMMANDS).sort());
  });

  it('keeps the texts Discord limits within those limits', () => {
    const m = catalogue.messages;
    for (const label of [m.voteUp, m.voteDown, m.moreResults])
      expect(label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    expect(m.voteModalTitle.length).toBeLessThanOrEqual(45);
    for (const label of [m.voteReasonLabel, m.voteTextLabel]) expect(label.length).toBeLessThanOrEqual(45);
    for (const reason of Object.values(m.voteReasons)) expect(reason.length).toBeLessThanOrEqual(100);
    expect(m.voteReasonPlaceholder.length).toBeLessThanOrEqual(150);
    expect(m.voteTextPlaceholder.length).toBeLessThanOrEqual(100);
  });

  it('gives every command and option a name Discord accepts and a description of 1 to 100 characters', () => {
    for (const command of COMMANDS) {
      const isMenu = command.data.type === ApplicationCommandType.Message;
      const check = (key: string, nameRule: 'slash' | 'free', siblings?: Set<string>) => {
        const text = catalogue.commands[key];
        if (text?.name !== undefined) {
          if (nameRule === 'slash') {
            expect(text.name, key).toMatch(NAME);
            expect(text.name, key).toBe(text.name.toLowerCase());
          } else expect(text.name.length, key).toBeLessThanOrEqual(isMenu ? 32 : 100);
          if (siblings) {
            expect(siblings.has(text.name), `${key}: name used twice`).toBe(false);
            siblings.add(text.name);
          }
        }
        if (text?.description !== undefined) {
          const limit = key.endsWith('(summary)') ? 200 : LIMITS.commandDescription;
          expect(text.description.length, key).toBeGreaterThan(0);
          expect(text.description.length, key).toBeLessThanOrEqual(limit);
        }
      };
      check(command.data.name, isMenu ? 'free' : 'slash');
      check(`${command.data.name} (summary)`, 'free');
      const walk = (
        options: readonly { name: string; options?: unknown[]; choices?: { value: unknown }[] }[],
        key: string,
      ) => {
        const siblings = new Set<string>();
        for (const option of options) {
          check(`${key} ${option.name}`, 'slash', siblings);
          for (const choice of option.choices ?? []) check(`${key} ${option.name} =${String(choice.value)}`, 'free');
          walk((option.options ?? []) as never, `${key} ${option.name}`);
        }
      };
      walk(('options' in command.data ? (command.data.options ?? []) : []) as never, command.data.name);
    }
  });
});

describe('command registration', () => {
  it('carries each language’s names and descriptions under Discord’s locale codes, and stays valid', () => {
    const ask = registrationOf(COMMANDS.find((c) => c.data.name === 'ask')!) as {
      name_localizations?: Record<string, string>;
      description_localizations?: Record<string, string>;
      options?: { name: string; name_localizations?: Record<string, string> }[];
    };
    expect(Object.keys(ask.name_localizations ?? {}).sort()).toEqual(['de', 'es-419', 'es-ES', 'fr', 'ru']);
    expect(ask.name_localizations?.ru).toBe(LANGUAGES.ru.commands.ask?.name);
    expect(ask.options?.[0]?.name).toBe('question');
    expect(ask.options?.[0]?.name_localizations?.de).toBe(LANGUAGES.de.commands['ask question']?.name);
    const registered = COMMANDS.map((c) => ({ ...c, data: registrationOf(c) }));
    expect(validateCommands(registered)).toEqual([]);
  });

  it('reads the language of a Discord or POSIX locale, English when unknown', () => {
    expect(['ru', 'de', 'fr', 'es-ES', 'es-419', 'de_DE.UTF-8', 'en-US', 'ja', '', undefined].map(languageOf)).toEqual([
      'ru',
      'de',
      'fr',
      'es',
      'es',
      'de',
      'en',
      'en',
      'en',
      'en',
    ]);
  });
});

describe('the English catalogue', () => {
  const sources = ['src', 'commands']
    .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)))
    .filter(
      (f) => f.endsWith('.ts') && !f.startsWith(path.join('src', 'i18n')) && f !== path.join('src', 'messages.ts'),
    )
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  it.each([
    ['MESSAGES', MESSAGES],
    ['STORE_MESSAGES', STORE_MESSAGES],
    ['LIBRARY_MESSAGES', LIBRARY_MESSAGES],
  ] as const)('has no key of %s that nothing uses', (name, section) => {
    // Under its own name, or the name it is imported as (`LIBRARY_MESSAGES as SAY`).
    const names = [name, ...[...sources.matchAll(new RegExp(`\\b${name} as (\\w+)`, 'g'))].map((m) => m[1]!)];
    const used = (key: string) => names.some((n) => new RegExp(`\\b${n}\\.${key}\\b`).test(sources));
    const unused = Object.keys(section).filter((key) => !used(key));
    expect(unused).toEqual([]);
  });
});

describe('inLanguage', () => {
  it('writes every sentence in that language for the work it runs, across awaits, and English outside it', async () => {
    const seen = await inLanguage('de', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [MESSAGES.staleButton, STORE_MESSAGES.needsServer, MESSAGES.ingest.badScheme('ftp')];
    });
    expect(seen).toEqual([
      LANGUAGES.de.messages.staleButton,
      LANGUAGES.de.store.needsServer,
      LANGUAGES.de.messages.ingest.badScheme('ftp'),
    ]);
    expect(MESSAGES.staleButton).toBe('This button belongs to an older answer. Ask again to get fresh results.');
    expect(inLanguage('en', () => MESSAGES.helpTitle)).toBe('Footnote: cited answers from the library');
  });
});

describe('numbers and dates in sentences', () => {
  const day: DatePoint = { year: 2024, month: 8, day: 15, precision: 'day' };
  const month: DatePoint = { year: 2022, month: 2, precision: 'month' };
  const year: DatePoint = { year: 2016, precision: 'year' };
  const decade: DatePoint = { year: 1990, precision: 'decade' };
  const span = { year: 2020, precision: 'year', end: { year: 2024, precision: 'year' } } as const;
  const at = Date.UTC(2024, 7, 23, 14, 5);
  // Intl separates groups with a no-break space in Russian and French: written out so the table can say so.
  const nbsp = (text: string) => text.replace(/ /g, '\u00a0');

  it.each([
    ['en', '1,234,567', '2024-08-15', '2022-02', '2016', '1990s', '2020/2024', '2024-08', '2024-08-23 14:05'],
    [
      'ru',
      nbsp('1 234 567'),
      '15 августа 2024 г.',
      'февраль 2022 г.',
      '2016',
      '1990-е',
      '2020–2024',
      'август 2024 г.',
      '23 авг. 2024 г., 14:05',
    ],
    [
      'de',
      '1.234.567',
      '15. August 2024',
      'Februar 2022',
      '2016',
      '1990er',
      '2020–2024',
      'August 2024',
      '23.08.2024, 14:05',
    ],
    [
      'fr',
      '1\u202f234\u202f567',
      '15 août 2024',
      'février 2022',
      '2016',
      'années 1990',
      '2020–2024',
      'août 2024',
      '23 août 2024, 14:05',
    ],
    [
      'es',
      '1.234.567',
      '15 de agosto de 2024',
      'febrero de 2022',
      '2016',
      'años 1990',
      '2020–2024',
      'agosto de 2024',
      '23 ago 2024, 14:05',
    ],
  ] as const)(
    '%s writes 1234567 as %j, and dates as %j, %j, %j, %j, %j, published 2024-08 as %j, a moment as %j',
    (language, number, dayText, monthText, yearText, decadeText, spanText, published, moment) => {
      inLanguage(language, () => {
        expect(formatNumber(1_234_567)).toBe(number);
        expect([day, month, year, decade, span].map(formatDate)).toEqual([
          dayText,
          monthText,
          yearText,
          decadeText,
          spanText,
        ]);
        expect(formatDate('2024-08')).toBe(published);
        expect(formatDateTime(at)).toBe(moment);
      });
    },
  );

  it('writes a `published` text of another shape as it is, and paragraph numbers in a citation for the language', () => {
    const citation = { articleSlug: 'a', title: 'T', paragraph: 1_204, passageId: 'a#1204' };
    expect(inLanguage('de', () => [formatDate('Spring 2024'), citationLine(citation)])).toEqual([
      'Spring 2024',
      'T · ¶1.204',
    ]);
    expect(citationLine(citation, { title: false })).toBe('¶1,204');
  });

  it('formats the numbers of translated sentences, and keeps the plural they choose', () => {
    expect(inLanguage('de', () => MESSAGES.sourcesIntro(1, 12_500))).toBe('Insgesamt 1 Artikel, 12.500 Textstellen.');
    expect(inLanguage('ru', () => MESSAGES.passagesCount(2_001))).toBe(`${nbsp('2 001')} фрагмент`);
    expect(MESSAGES.sourcesIntro(2, 12_500)).toBe('2 articles, 12,500 passages in all.');
  });
});

/** Arguments to read each sentence with; a sentence without any fails the test below until it gets some. */
const SAMPLE_ARGS: Readonly<Record<string, readonly unknown[]>> = {
  'messages.noMatch': ['x'],
  'messages.weakMatch': ['x'],
  'messages.unknownArticle': ['x'],
  'messages.resultOf': [1, 2],
  'messages.pageOf': [1, 2],
  'messages.sourcesIntro': [1, 2],
  'messages.passagesCount': [2],
  'messages.dateBound': [{ code: 'unreadable', text: 'x' }],
  'messages.rangeReversed': ['2022', '2020'],
  'messages.cooldown': [3],
  'messages.unknownCommand': ['x'],
  'messages.claimsIntro': ['x', 1, 3],
  'messages.messageBy': ['x'],
  'messages.consoleBanner': [1, 2],
  'messages.ingest.badLink': ['x'],
  'messages.ingest.badScheme': ['ftp'],
  'messages.ingest.refusedAddress': ['x', 'y'],
  'messages.ingest.unresolvable': ['x'],
  'messages.ingest.unreachable': ['x', 'y'],
  'messages.ingest.tooManyRedirects': [5],
  'messages.ingest.timeout': [10],
  'messages.ingest.tooLarge': [2],
  'messages.ingest.httpStatus': [404],
  'messages.ingest.unsupportedType': ['x'],
  'messages.ingest.noFile': ['x'],
  'messages.ingest.unsupportedFile': ['x'],
  'messages.ingest.unreadableFile': ['x', 'y'],
  'messages.ingest.invalidArticle': [['x']],
  'messages.ingest.badServer': ['x'],
  'messages.ingest.added': ['x', 2],
  'messages.ingest.refreshed': ['x', 2],
  'store.consoleNeedsServer': ['x'],
  'store.channelSaved': ['x', true],
  'store.settingSource': [true],
  'store.channelOverrides': ['x'],
  'store.onOff': [true],
  'store.gapsTitle': [7],
  'store.gapsIntro': [1, 2, 3],
  'store.gapsAsked': [2],
  'store.gapsNearest': ['x', 3],
  'store.gapsDownvoted': [1, 2],
  'store.gapsReasons': [['x']],
  'store.privacy': [90],
  'library.tooManyAdds': [20],
  'library.added': [true, 'x'],
  'library.shelfName': [true],
  'library.noSuchArticle': ['x'],
  'library.removed': ['x', 'y'],
  'library.removeFailed': ['x'],
  'library.listTitle': [true],
  'library.listIntro': [2],
  'library.action': ['x', 'y', 'z'],
};

/**
 * Every sentence of the current language as `[key, text]`: the catalogue's, and its command descriptions. Those
 * only the console writes (`console…`) are left out: the console's commands are typed in English.
 */
function sentencesIn(language: Language): [string, string][] {
  const read = (value: unknown, key: string): [string, string][] => {
    if (key.split('.').some((part) => part.startsWith('console'))) return [];
    if (typeof value === 'string') return [[key, value]];
    if (typeof value === 'function') {
      const args = SAMPLE_ARGS[key];
      if (args === undefined) throw new Error(`give ${key} sample arguments in SAMPLE_ARGS`);
      return [[key, String((value as (...a: unknown[]) => unknown)(...args))]];
    }
    return Object.entries(value as object).flatMap(([k, v]) => read(v, `${key}.${k}`));
  };
  return inLanguage(
    language,
    () => [
      ...read(MESSAGES, 'messages'),
      ...read(STORE_MESSAGES, 'store'),
      ...read(LIBRARY_MESSAGES, 'library'),
      ...Object.entries(language === 'en' ? {} : LANGUAGES[language].commands).flatMap(([key, text]) =>
        text.description !== undefined ? [[`commands.${key}`, text.description] as [string, string]] : [],
      ),
    ],
    'discord',
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SLASH_COMMANDS = COMMANDS.filter((c) => c.data.type === ApplicationCommandType.ChatInput);
const NOT_A_NAME = '(?![\\p{L}\\p{N}_-])';

/** Every command path (`settings`, `settings set`) and option (`settings set reply-mode`) of the registry. */
function commandPaths(): { commands: string[]; options: string[] } {
  const commands: string[] = [];
  const options: string[] = [];
  const walk = (nodes: readonly { name: string; type?: number; options?: unknown[] }[], path: string) => {
    for (const node of nodes) {
      const key = `${path} ${node.name}`;
      // Subcommands (1) and groups (2) are part of the command's path; anything else is an option.
      if (node.type === 1 || node.type === 2) commands.push(key);
      else options.push(key);
      walk((node.options ?? []) as never, key);
    }
  };
  for (const command of SLASH_COMMANDS) {
    commands.push(command.data.name);
    walk(('options' in command.data ? (command.data.options ?? []) : []) as never, command.data.name);
  }
  return { commands, options };
}

/** What in `text` names a command, a subcommand or an option by its English name where `language` has its own. */
function englishNamesIn(text: string, language: Exclude<Language, 'en'>): string[] {
  const names = LANGUAGES[language].commands;
  const shown = (path: string) =>
    path
      .split(' ')
      .map((word, i, words) => names[words.slice(0, i + 1).join(' ')]?.name ?? word)
      .join(' ');
  const { commands, options } = commandPaths();
  const found: string[] = [];
  for (const path of commands) {
    const words = path.split(' ');
    const last = words.at(-1)!;
    if ((names[path]?.name ?? last) === last) continue;
    // `/settings`, or `/einstellungen set`: the English word where the language's name belongs.
    const english = `/${[...shown(words.slice(0, -1).join(' ')).split(' ').filter(Boolean), last].join(' ')}`;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}/._-])${escapeRegExp(english)}${NOT_A_NAME}`, 'u');
    if (pattern.test(text)) found.push(english);
  }
  for (const path of options) {
    const option = path.split(' ').at(-1)!;
    if ((names[path]?.name ?? option) === option) continue;
    if (new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegExp(option)}:`, 'u').test(text)) found.push(`${option}:`);
  }
  return [...new Set(found)];
}

/** The commands `text` names (`/quellen`), by the first word after the slash. */
function mentionsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}\p{N}/.:_-])\/([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!);
}

describe('command names in sentences', () => {
  it('are the names Discord shows the reader, and the English ones in the console', () => {
    const inBoth = (language: Language, work: () => string) => [
      inLanguage(language, work, 'discord'),
      inLanguage(language, work, 'console'),
    ];
    expect(inBoth('de', () => commandMention('settings set', 'reply-mode:thread', 'logging:false'))).toEqual([
      '/einstellungen ändern antwortmodus:thread protokoll:false',
      '/settings set reply-mode:thread logging:false',
    ]);
    expect(inBoth('ru', () => optionMention('library add', 'file:'))).toEqual(['файл:', 'file:']);
    expect(inBoth('fr', () => menuCommandName('Find sources'))).toEqual(['Trouver des sources', 'Find sources']);
    expect(inBoth('en', () => commandMention('sources'))).toEqual(['/sources', '/sources']);
    expect(inBoth('es', () => MESSAGES.unknownArticle('x'))).toEqual([
      'Ningún artículo coincide con «x». Usa /fuentes para ver los artículos.',
      'Ningún artículo coincide con «x». Usa /sources para ver los artículos.',
    ]);
  });

  it('the check below finds an English name where the language has its own', () => {
    expect(englishNamesIn('Mit /sources siehst du sie; /einstellungen set reply-mode:thread', 'de')).toEqual([
      '/sources',
      '/einstellungen set',
      'reply-mode:',
    ]);
    expect(englishNamesIn('Utilisez /sources', 'fr')).toEqual([]); // French calls it /sources too
  });

  it.each(TRANSLATED)('no %s sentence names a command, subcommand or option by its English name', (language) => {
    const offending = sentencesIn(language).flatMap(([key, text]) =>
      englishNamesIn(text, language).map((name) => `${key}: ${name}`),
    );
    expect(offending).toEqual([]);
  });

  it.each(['en', ...TRANSLATED] as const)('every command a %s sentence names is one Discord registers', (language) => {
    const registered = new Set(
      SLASH_COMMANDS.map((c) =>
        language === 'en' ? c.data.name : (LANGUAGES[language].commands[c.data.name]?.name ?? c.data.name),
      ),
    );
    const unknown = sentencesIn(language).flatMap(([key, text]) =>
      mentionsIn(text)
        .filter((name) => !registered.has(name))
        .map((name) => `${key}: /${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('registers a description that names a command with that command’s name in the language', () => {
    const settings = registrationOf(COMMANDS.find((c) => c.data.name === 'settings')!) as {
      options?: { name: string; options?: { name: string; description_localizations?: Record<string, string> }[] }[];
    };
    const logging = settings.options?.find((o) => o.name === 'set')?.options?.find((o) => o.name === 'logging');
    expect(logging?.description_localizations?.de).toBe('Fragen für /lücken protokollieren');
    expect(logging?.description_localizations?.ru).toBe('Записывать вопросы для /пробелы');
  });
});
