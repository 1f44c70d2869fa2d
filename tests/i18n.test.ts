import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS, validateCommands } from '../commands/index.js';
import { commandTextKeys, registrationOf } from '../commands/localize.js';
import { LIMITS } from '../src/discord/limits.js';
import { DISCORD_LOCALES, inLanguage, LANGUAGES, languageOf } from '../src/i18n/index.js';
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
