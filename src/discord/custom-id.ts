import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { Passage } from '../core/types.js';
import { LIMITS } from './limits.js';

/**
 * Button state lives in the `custom_id` (at most 100 characters), so buttons keep working after a restart.
 * An answer's buttons carry the library version, short keys of the result passages and as much of the question
 * as fits (it only steers highlighting); a list's buttons carry the command and its options.
 */

const PREFIX = 'fn1';
const SEP = '|';
const KEY_LENGTH = 6;

export type ButtonState =
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

export type DecodedButton = ButtonState | { readonly kind: 'foreign' } | { readonly kind: 'malformed' };

const VIEW_CODES = { result: 'a', context: 'c', publish: 'p' } as const;

function shorten(version: string): string {
  return version.slice(0, 6);
}

export function encodeButton(state: ButtonState): string {
  if (state.kind === 'list') {
    const options = Object.entries(state.options)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
    return [PREFIX, 'l', shorten(state.version), state.page, state.command, options]
      .join(SEP)
      .slice(0, LIMITS.customId);
  }
  const head = [
    PREFIX,
    VIEW_CODES[state.view],
    shorten(state.version),
    state.index,
    state.keys.join('.'),
    state.private ? 'e' : 'p',
    '',
  ].join(SEP);
  return head + state.query.slice(0, Math.max(0, LIMITS.customId - head.length));
}

export function decodeButton(customId: string): DecodedButton {
  const parts = customId.split(SEP);
  if (parts[0] !== PREFIX) return { kind: 'foreign' };
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
    return { kind: 'list', version, page: index, command, options: parsed };
  }
  const view = (Object.entries(VIEW_CODES).find(([, c]) => c === code)?.[0] ?? undefined) as
    'result' | 'context' | 'publish' | undefined;
  const [keys = '', visibility, ...query] = rest;
  if (!view || keys === '' || (visibility !== 'e' && visibility !== 'p')) return { kind: 'malformed' };
  return {
    kind: 'answer',
    view,
    version,
    index,
    keys: keys.split('.'),
    private: visibility === 'e',
    query: query.join(SEP),
  };
}

export function isCurrentVersion(kb: KnowledgeBase, version: string): boolean {
  return shorten(kb.version) === version;
}

/** Short, stable keys for passages: a hash of the passage id, lengthened where two would collide. */
export class PassageKeys {
  private readonly byKey = new Map<string, Passage>();
  private readonly byId = new Map<string, string>();

  constructor(kb: KnowledgeBase) {
    for (const passage of kb.articles.flatMap((a) => a.passages)) {
      const digest = createHash('sha1').update(passage.id).digest('base64url').replace(/[-_]/g, 'x');
      let length = KEY_LENGTH;
      while (this.byKey.has(digest.slice(0, length)) && length < digest.length) length += 1;
      const key = digest.slice(0, length);
      this.byKey.set(key, passage);
      this.byId.set(passage.id, key);
    }
  }

  keyOf(passage: { readonly id: string }): string {
    return this.byId.get(passage.id) ?? '';
  }

  passage(key: string): Passage | undefined {
    return this.byKey.get(key);
  }
}
