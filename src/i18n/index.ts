import { type Language, TRANSLATIONS } from '../messages.js';

export type { Catalogue, CommandTexts } from './catalogue.js';
export { inLanguage, type Language } from '../messages.js';

/** The translations (one map, kept where the sentences are chosen). */
export const LANGUAGES = TRANSLATIONS;

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
