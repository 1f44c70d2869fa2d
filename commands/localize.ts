import { DISCORD_LOCALES, inLanguage, LANGUAGES, type Language } from '../src/i18n/index.js';
import type { Command } from './command.js';

type Localizations = Partial<Record<string, string>>;

interface Localizable {
  readonly name: string;
  readonly description?: string;
  readonly options?: readonly Localizable[];
  readonly choices?: readonly { readonly name: string; readonly value: string | number }[];
}

/**
 * Each translated language's text for `key`, spread over that language's Discord locales. Read in that language in
 * Discord, as a description that names another command names it as that language's members see it.
 */
function localizationsOf(key: string, field: 'name' | 'description'): Localizations | undefined {
  const out: Localizations = {};
  for (const [language, locales] of Object.entries(DISCORD_LOCALES)) {
    const text = inLanguage(
      language as Language,
      () => LANGUAGES[language as keyof typeof LANGUAGES].commands[key]?.[field],
      'discord',
    );
    if (text !== undefined) for (const locale of locales) out[locale] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function localize<T extends Localizable>(node: T, key: string): T {
  const names = localizationsOf(key, 'name');
  const descriptions = node.description !== undefined ? localizationsOf(key, 'description') : undefined;
  return {
    ...node,
    ...(names ? { name_localizations: names } : {}),
    ...(descriptions ? { description_localizations: descriptions } : {}),
    ...(node.options ? { options: node.options.map((o) => localize(o, `${key} ${o.name}`)) } : {}),
    ...(node.choices
      ? {
          choices: node.choices.map((c) => {
            const choiceNames = localizationsOf(`${key} =${c.value}`, 'name');
            return choiceNames ? { ...c, name_localizations: choiceNames } : c;
          }),
        }
      : {}),
  };
}

/**
 * A command as Discord registers it: its definition with every language's names and descriptions, so a member
 * whose client is in Russian sees `/спросить` and Russian option hints. Discord still sends the English names.
 */
export function registrationOf(command: Command): Command['data'] {
  return localize(command.data as Localizable, command.data.name) as unknown as Command['data'];
}

/** Every key a language's command texts must fill: each command, option and choice, and each /help line. */
export function commandTextKeys(commands: readonly Command[]): string[] {
  const keys: string[] = [];
  const walk = (node: Localizable, key: string) => {
    keys.push(key);
    for (const choice of node.choices ?? []) keys.push(`${key} =${choice.value}`);
    for (const option of node.options ?? []) walk(option, `${key} ${option.name}`);
  };
  for (const command of commands) {
    walk(command.data as Localizable, command.data.name);
    keys.push(`${command.data.name} (summary)`);
  }
  return keys;
}
