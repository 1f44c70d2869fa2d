import { AsyncLocalStorage } from 'node:async_hooks';
import type { Catalogue } from './catalogue.js';

/** The languages Footnote speaks; English is the source the others are checked against. */
export type Language = 'en' | 'ru' | 'de' | 'fr' | 'es';

/**
 * Where the words are read: in Discord, commands carry each language's names (`/quellen`); in the console they are
 * typed in English whatever the language (`/sources`).
 */
export type Face = 'discord' | 'console';

/** The language, its catalogue (none for English) and the face of the event being answered. */
export interface Locale {
  readonly language: Language;
  readonly catalogue?: Catalogue;
  readonly face: Face;
}

/**
 * The locale of the event being answered, for every sentence written while answering it. Kept apart from the
 * catalogues, so that they can format numbers and name commands (src/i18n/format.ts) without importing themselves.
 */
const current = new AsyncLocalStorage<Locale>();

/** The locale of the event being answered: English in Discord outside any. */
export function currentLocale(): Locale {
  return current.getStore() ?? { language: 'en', face: 'discord' };
}

/** Runs `work` (and everything it awaits) in `locale`. */
export function inLocale<T>(locale: Locale, work: () => T): T {
  return current.run(locale, work);
}
