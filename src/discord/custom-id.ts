import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { AnswerStatus, CardConfidence, CardRecord } from '../core/reply.js';
import type { Passage } from '../core/types.js';
import { type ButtonStateStore, STORE_KEY } from './button-state.js';
import { LIMITS } from './limits.js';

/**
 * A button's `custom_id` (at most 100 characters) says what the button does and where its state is:
 *
 *   `f2|<action>|i|<version>|<command>|<options>`  a list's paging, state inline (works after a restart)
 *   `f2|<action>|k|<key>`                          any state, kept whole in the ButtonStateStore under `key`
 *
 * `<action>` is a letter and a number: `r3` result 3, `c3` its context, `p3` post it publicly, `l2` list page 2.
 * Nothing is ever cut to fit: a list whose options do not fit inline, and every answer (its passages, the
 * sentence ranges and highlights of their excerpts, the whole question), go to the store, so "Next" shows the
 * excerpts the first message chose. Buttons of the first format (`fn1|…`) still decode as before.
 */

const PREFIX = 'f2';
const LEGACY_PREFIX = 'fn1';
const SEP = '|';
const VERSION_LENGTH = 6;

export type ButtonView = 'result' | 'context' | 'publish' | 'page';

export interface ButtonAction {
  readonly view: ButtonView;
  /** The result shown (answers) or the page (lists), from 0. */
  readonly index: number;
}

/** Everything an answer's buttons need to draw it again, exactly as the first message did. */
export interface AnswerState {
  readonly kind: 'answer';
  readonly version: string;
  readonly query: string;
  readonly status: AnswerStatus;
  readonly private: boolean;
  readonly about?: { readonly label: string; readonly url?: string };
  readonly cards: readonly CardRecord[];
  /** The answer carries 👍/👎 buttons (the server's feedback setting when it was first drawn). */
  readonly feedback?: boolean;
  /** The article the question kept to, and the earlier question's words it was searched with: a follow-up's scope. */
  readonly article?: string;
  readonly context?: string;
}

/** A list's command and all of its options: the page is drawn by running the command again. */
export interface ListState {
  readonly kind: 'list';
  readonly version: string;
  readonly command: string;
  readonly options: Readonly<Record<string, string>>;
}

export type ButtonState = AnswerState | ListState;

/** A button of the first format: passage keys and as much of the question as fitted. */
export type LegacyButtonState =
  | {
      readonly kind: 'answer';
      readonly view: 'result' | 'context' | 'publish';
      readonly version: string;
      readonly index: number;
      readonly keys: readonly string[];
      readonly private: boolean;
      readonly query: string;
    }
  | {
      readonly kind: 'list';
      readonly version: string;
      readonly page: number;
      readonly command: string;
      readonly options: Readonly<Record<string, string>>;
    };

export type DecodedButton =
  | { readonly kind: 'inline'; readonly action: ButtonAction; readonly state: ListState }
  | { readonly kind: 'stored'; readonly action: ButtonAction; readonly key: string }
  | { readonly kind: 'legacy'; readonly state: LegacyButtonState }
  | { readonly kind: 'foreign' }
  | { readonly kind: 'malformed' };

const ACTION_CODES: Readonly<Record<ButtonView, string>> = { result: 'r', context: 'c', publish: 'p', page: 'l' };
const ACTION = /^([rcpl])(\d{1,4})$/;

function shorten(version: string): string {
  return version.slice(0, VERSION_LENGTH);
}

export function isCurrentVersion(kb: KnowledgeBase, version: string): boolean {
  return shorten(kb.version) === shorten(version);
}

function actionCode(action: ButtonAction): string {
  return `${ACTION_CODES[action.view]}${Math.max(0, Math.trunc(action.index))}`;
}

/** Only the characters that delimit the inline form are escaped, so non-Latin text stays one character each. */
function escapeValue(text: string): string {
  return text.replace(/[%&=|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function encodeOptions(options: Readonly<Record<string, string>>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name}=${escapeValue(value)}`)
    .join('&');
}

/**
 * The inline `custom_id` of a list's button, or undefined when it would be longer than Discord allows. Measured in
 * UTF-16 code units, never fewer than the characters Discord counts, so an emoji is counted as two to be safe.
 */
export function encodeInline(state: ListState, action: ButtonAction): string | undefined {
  const id = [
    PREFIX,
    actionCode(action),
    'i',
    shorten(state.version),
    state.command,
    encodeOptions(state.options),
  ].join(SEP);
  return id.length <= LIMITS.customId ? id : undefined;
}

export function encodeStored(key: string, action: ButtonAction): string {
  if (!STORE_KEY.test(key)) throw new Error(`a button state key must match ${String(STORE_KEY)}`);
  return [PREFIX, actionCode(action), 'k', key].join(SEP);
}

/** Makes the custom_id of each button of one message. */
export type ButtonIds = (action: ButtonAction) => string;

/**
 * The ids of one message's buttons: inline when every one of them fits (a list whose last page is `maxIndex`),
 * otherwise the state is put in `store` once and every button names its key.
 */
export async function buttonIdsFor(
  state: ButtonState,
  store: ButtonStateStore,
  options: { readonly ttlMs: number; readonly maxIndex: number },
): Promise<ButtonIds> {
  if (state.kind === 'list' && encodeInline(state, { view: 'page', index: options.maxIndex }) !== undefined)
    return (action) => encodeInline(state, action)!;
  const key = await store.put(JSON.stringify(state), options.ttlMs);
  return (action) => encodeStored(key, action);
}

export function decodeButton(customId: string): DecodedButton {
  const parts = customId.split(SEP);
  if (parts[0] === LEGACY_PREFIX) return decodeLegacy(parts);
  if (parts[0] !== PREFIX) return { kind: 'foreign' };
  const [, code = '', where, ...rest] = parts;
  const matched = ACTION.exec(code);
  const view = (Object.keys(ACTION_CODES) as ButtonView[]).find((v) => ACTION_CODES[v] === matched?.[1]);
  if (!matched || view === undefined) return { kind: 'malformed' };
  const action = { view, index: Number(matched[2]) };
  if (where === 'k') {
    const [key = ''] = rest;
    return rest.length === 1 && STORE_KEY.test(key) ? { kind: 'stored', action, key } : { kind: 'malformed' };
  }
  if (where !== 'i' || view !== 'page' || rest.length !== 3) return { kind: 'malformed' };
  const [version = '', command = '', encoded = ''] = rest;
  const options = decodeOptions(encoded);
  if (version === '' || command === '' || options === undefined) return { kind: 'malformed' };
  return { kind: 'inline', action, state: { kind: 'list', version, command, options } };
}

function decodeOptions(encoded: string): Record<string, string> | undefined {
  const options: Record<string, string> = {};
  for (const pair of encoded.split('&').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) return undefined;
    try {
      options[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
    } catch {
      return undefined;
    }
  }
  return options;
}

const STATUSES: readonly AnswerStatus[] = ['answer', 'weak', 'no-match', 'empty'];
const CONFIDENCES: readonly CardConfidence[] = ['high', 'medium', 'low', 'chosen'];

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isCardRecord(value: unknown): value is CardRecord {
  if (typeof value !== 'object' || value === null) return false;
  const card = value as Record<string, unknown>;
  return (
    isString(card.passageId) &&
    isNumber(card.start) &&
    isNumber(card.end) &&
    isNumber(card.score) &&
    isNumber(card.coverage) &&
    CONFIDENCES.includes(card.confidence as CardConfidence) &&
    Array.isArray(card.highlights) &&
    card.highlights.every((h) => Array.isArray(h) && h.length === 2 && isNumber(h[0]) && isNumber(h[1]))
  );
}

/**
 * Reads a stored state back. The store holds opaque JSON that another version of Footnote may have written, so
 * it is checked field by field: anything unexpected is undefined, and the button gets the "older answer" note.
 */
export function parseButtonState(json: string): ButtonState | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const state = data as Record<string, unknown>;
  if (!isString(state.version)) return undefined;
  if (state.kind === 'list') {
    const options = state.options;
    if (!isString(state.command) || typeof options !== 'object' || options === null) return undefined;
    if (!Object.values(options).every(isString)) return undefined;
    return { kind: 'list', version: state.version, command: state.command, options: options as Record<string, string> };
  }
  if (state.kind !== 'answer') return undefined;
  const about = state.about as { label?: unknown; url?: unknown } | undefined;
  if (
    !isString(state.query) ||
    !STATUSES.includes(state.status as AnswerStatus) ||
    typeof state.private !== 'boolean' ||
    !Array.isArray(state.cards) ||
    !state.cards.every(isCardRecord) ||
    (state.feedback !== undefined && typeof state.feedback !== 'boolean') ||
    (state.article !== undefined && !isString(state.article)) ||
    (state.context !== undefined && !isString(state.context)) ||
    (about !== undefined && (!isString(about.label) || (about.url !== undefined && !isString(about.url))))
  )
    return undefined;
  return {
    kind: 'answer',
    version: state.version,
    query: state.query,
    status: state.status as AnswerStatus,
    private: state.private,
    ...(about !== undefined
      ? { about: { label: about.label as string, ...(isString(about.url) ? { url: about.url } : {}) } }
      : {}),
    cards: state.cards,
    ...(state.feedback === true ? { feedback: true } : {}),
    ...(isString(state.article) ? { article: state.article } : {}),
    ...(isString(state.context) ? { context: state.context } : {}),
  };
}

/** The first format, decoded exactly as it was when those buttons were made. */
function decodeLegacy(parts: readonly string[]): DecodedButton {
  const [, code, version, rawIndex, ...rest] = parts;
  const index = Number(rawIndex);
  if (version === undefined || !Number.isInteger(index)) return { kind: 'malformed' };
  if (code === 'l') {
    const [command, options = ''] = rest;
    if (!command) return { kind: 'malformed' };
    const parsed: Record<string, string> = {};
    for (const pair of options.split('&').filter(Boolean)) {
      const [k, v = ''] = pair.split('=');
      if (k) {
        try {
          parsed[k] = decodeURIComponent(v);
        } catch {
          return { kind: 'malformed' };
        }
      }
    }
    return { kind: 'legacy', state: { kind: 'list', version, page: index, command, options: parsed } };
  }
  const views = { a: 'result', c: 'context', p: 'publish' } as const;
  const view = code === 'a' || code === 'c' || code === 'p' ? views[code] : undefined;
  const [keys = '', visibility, ...query] = rest;
  if (!view || keys === '' || (visibility !== 'e' && visibility !== 'p')) return { kind: 'malformed' };
  return {
    kind: 'legacy',
    state: {
      kind: 'answer',
      view,
      version,
      index,
      keys: keys.split('.'),
      private: visibility === 'e',
      query: query.join(SEP),
    },
  };
}

/** The first format's short passage keys: a hash of the passage id, lengthened where two would collide. */
export class PassageKeys {
  private readonly byKey = new Map<string, Passage>();

  constructor(kb: KnowledgeBase) {
    for (const passage of kb.articles.flatMap((a) => a.passages)) {
      const digest = createHash('sha1').update(passage.id).digest('base64url').replace(/[-_]/g, 'x');
      let length = 6;
      while (this.byKey.has(digest.slice(0, length)) && length < digest.length) length += 1;
      this.byKey.set(digest.slice(0, length), passage);
    }
  }

  passage(key: string): Passage | undefined {
    return this.byKey.get(key);
  }
}

/**
 * The 👍/👎 buttons and the 👎 modal name the answer (its stored state's key) and, where it fits, its top passage:
 *
 *   `fv|<u|d>|<key>|<passageId>`  a vote button
 *   `fm|<key>|<passageId>`        the modal asking what was wrong
 *
 * A passage id that would not fit (or holds the separator) is left out, and the press reads it from the stored
 * state instead: never cut, since a cut id would count the vote against another passage.
 */
const VOTE_PREFIX = 'fv';
const MODAL_PREFIX = 'fm';

export interface VoteTarget {
  readonly key: string;
  readonly passageId?: string;
}

function withPassage(parts: readonly string[], passageId: string | undefined): string {
  const bare = parts.join(SEP);
  if (passageId === undefined || passageId === '' || passageId.includes(SEP)) return bare;
  const full = `${bare}${SEP}${passageId}`;
  return full.length <= LIMITS.customId ? full : bare;
}

export function encodeVote(value: 'up' | 'down', target: VoteTarget): string {
  if (!STORE_KEY.test(target.key)) throw new Error(`a button state key must match ${String(STORE_KEY)}`);
  return withPassage([VOTE_PREFIX, value === 'up' ? 'u' : 'd', target.key], target.passageId);
}

export function encodeVoteModal(target: VoteTarget): string {
  if (!STORE_KEY.test(target.key)) throw new Error(`a button state key must match ${String(STORE_KEY)}`);
  return withPassage([MODAL_PREFIX, target.key], target.passageId);
}

function targetOf(key: string | undefined, passage: readonly string[]): VoteTarget | undefined {
  if (key === undefined || !STORE_KEY.test(key) || passage.length > 1) return undefined;
  const [passageId] = passage;
  return passageId === undefined || passageId === '' ? { key } : { key, passageId };
}

/** A vote button's value and target; undefined for any other custom_id. */
export function decodeVote(customId: string): ({ readonly value: 'up' | 'down' } & VoteTarget) | undefined {
  const [prefix, code, key, ...passage] = customId.split(SEP);
  if (prefix !== VOTE_PREFIX || (code !== 'u' && code !== 'd')) return undefined;
  const target = targetOf(key, passage);
  return target && { value: code === 'u' ? 'up' : 'down', ...target };
}

/** The 👎 modal's target; undefined for any other custom_id. */
export function decodeVoteModal(customId: string): VoteTarget | undefined {
  const [prefix, key, ...passage] = customId.split(SEP);
  return prefix === MODAL_PREFIX ? targetOf(key, passage) : undefined;
}

/** The key under which a message's buttons keep their state, when they keep it in the store. */
export function storedKeyOf(ids: ButtonIds): string | undefined {
  const decoded = decodeButton(ids({ view: 'result', index: 0 }));
  return decoded.kind === 'stored' ? decoded.key : undefined;
}
