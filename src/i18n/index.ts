import { LIBRARY_MESSAGES, MESSAGES, STORE_MESSAGES } from '../messages.js';
import type { Catalogue } from './catalogue.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';

export type { Catalogue, CommandTexts } from './catalogue.js';

/** English is the source: its command texts are the definitions themselves. */
const en: Catalogue = { messages: MESSAGES, store: STORE_MESSAGES, library: LIBRARY_MESSAGES, commands: {} };

export const LANGUAGES = { en, ru, de, fr, es } as const;
export type Language = keyof typeof LANGUAGES;

/** Discord's locale codes for each language other than English (docs: Reference › Locales). */
export const DISCORD_LOCALES: Readonly<Record<Exclude<Language, 'en'>, readonly string[]>> = {
  ru: ['ru'],
  de: ['de'],
  fr: ['fr'],
  es: ['es-ES', 'es-419'],
};

/** The language for a Discord locale (`fr`, `es-419`) or a POSIX one (`de_DE.UTF-8`); English when unknown. */
export function languageOf(locale: string | undefined | null): Language {
  const code = (locale ?? '').toLowerCase().split(/[-_.]/)[0] ?? '';
  return code in LANGUAGES ? (code as Language) : 'en';
}
