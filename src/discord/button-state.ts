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
    if (this.entries.size >= this.maxEntries) this.sweep(now);
    // Map order is insertion order: the first key is the oldest.
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
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

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
  }
}
