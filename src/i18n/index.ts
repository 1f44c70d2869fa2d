import type { Language } from '../messages.js';
import type { Catalogue } from './catalogue.js';
import { de } from './de.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { ru } from './ru.js';

export type { Catalogue, CommandTexts } from './catalogue.js';
export { inLanguage, type Language } from '../messages.js';

/** The translations; English is the definitions and src/messages.ts themselves. */
export const LANGUAGES: Readonly<Record<Exclude<Language, 'en'>, Catalogue>> = { ru, de, fr, es };

/** Discord's locale codes for each translated language (docs: Reference › Locales). */
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
