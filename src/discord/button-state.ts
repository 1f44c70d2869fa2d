import { randomBytes } from 'node:crypto';

/**
 * Where a button's state is kept when it does not fit in its `custom_id`: opaque JSON under a short key
 * (at most 16 characters of `[A-Za-z0-9_-]`), for `ttlMs`. The bot takes a store as a dependency; the in-memory
 * one below is the default, and a database-backed one (issue 12) keeps state across restarts and hosts.
 */
export interface ButtonStateStore {
  put(json: string, ttlMs: number): Promise<string>;
  get(key: string): Promise<string | undefined>;
}

/** What a store key may look like: a custom_id carries it, so it is short and needs no escaping. */
export const STORE_KEY = /^[A-Za-z0-9_-]{1,16}$/;

/** How long a button's stored state lives by default: as long as issue 12's persistent store keeps it. */
export const BUTTON_STATE_TTL_MS = 30 * 24 * 60 * 60 * 1_000;

export interface MemoryStoreOptions {
  /** Entries kept at most; putting one more forgets the oldest. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * A bounded in-memory store: at most `maxEntries` states (the oldest forgotten first), each until it expires.
 * Lost on restart: a button whose state is gone gets the polite "older answer" note.
 */
export class MemoryButtonStateStore implements ButtonStateStore {
  private readonly entries = new Map<string, { readonly json: string; readonly expires: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.now = options.now ?? Date.now;
  }

  put(json: string, ttlMs: number): Promise<string> {
    const now = this.now();
    // Map order is insertion order: the first entry is the oldest. Expired ones are dropped from the front, then
    // the oldest while full; one that expired behind a younger one goes when it is read or reaches the front.
    // Either way a put costs O(1) amortised, not a scan of the whole store.
    for (const [key, entry] of this.entries) {
      if (entry.expires > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
    let key = randomBytes(9).toString('base64url');
    while (this.entries.has(key)) key = randomBytes(9).toString('base64url');
    this.entries.set(key, { json, expires: now + ttlMs });
    return Promise.resolve(key);
  }

  get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return Promise.resolve(undefined);
    }
    return Promise.resolve(entry.json);
  }

  get size(): number {
    return this.entries.size;
  }
}
