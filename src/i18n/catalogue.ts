import type { LIBRARY_MESSAGES, MESSAGES, STORE_MESSAGES } from '../messages.js';

/** A literal English text widened to any text of the same shape: every language fills the same keys. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

/**
 * What one language says on a command's card in Discord's picker: keyed `ask`, `ask question`,
 * `settings set reply-mode`, a choice as `settings set reply-mode =thread`, and the /help line as `ask (summary)`.
 * A localized name follows Discord's rule for names (lower case, no spaces) except on the message menu.
 */
export type CommandTexts = Readonly<Record<string, { readonly name?: string; readonly description?: string }>>;

/**
 * Every sentence Footnote writes, in one language. English is the source; the others are checked against it.
 * Numbers, dates and command names go through src/i18n/format.ts; a sentence that names a command is a getter (or a
 * function), so that it is written when it is read, with the names of the reader's face.
 */
export interface Catalogue {
  readonly messages: Widen<typeof MESSAGES>;
  readonly store: Widen<typeof STORE_MESSAGES>;
  readonly library: Widen<typeof LIBRARY_MESSAGES>;
  readonly commands: CommandTexts;
}
