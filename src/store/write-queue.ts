import type { Logger } from '../log.js';
import { isTransientStoreError } from './faults.js';
import type { WriteOutcome } from './store.js';

/** Writes held during an outage; past this, new writes are dropped (and counted) rather than grow memory forever. */
export const WRITE_QUEUE_LIMIT = 10_000;
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2_000;

interface Pending {
  readonly run: () => Promise<void>;
  readonly what: string;
  readonly settle: (outcome: WriteOutcome) => void;
}

/**
 * Runs writes one at a time, in order. A write that fails because the store is away waits and is retried, with the
 * writes behind it waiting too, until the store is back: one warning when the outage starts, one line when it ends.
 * A write the store refuses (a constraint, a bug) is logged and skipped, so it cannot hold up the rest.
 */
export class WriteQueue {
  private readonly pending: Pending[] = [];
  private running = false;
  private down = false;
  private dropped = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly idle = new Set<() => void>();
  private written = 0;
  private longestMs = 0;

  constructor(
    private readonly logger: Logger,
    private readonly limit = WRITE_QUEUE_LIMIT,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  get unavailable(): boolean {
    return this.down;
  }

  /** Writes done, and the longest one (for SQLite, whose driver is synchronous, the time the event loop was held). */
  get stats(): { readonly written: number; readonly longestWriteMs: number } {
    return { written: this.written, longestWriteMs: Math.round(this.longestMs * 100) / 100 };
  }

  enqueue(what: string, run: () => Promise<void>): Promise<WriteOutcome> {
    if (this.closed) return Promise.resolve('dropped');
    if (this.pending.length >= this.limit) {
      if (this.dropped++ === 0)
        this.logger.error(
          { limit: this.limit },
          'store write queue is full; further writes are dropped until it drains',
        );
      return Promise.resolve('dropped');
    }
    return new Promise<WriteOutcome>((settle) => {
      this.pending.push({ run, what, settle });
      if (!this.running) void this.drain();
    });
  }

  /** Resolves when nothing is queued. */
  whenIdle(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /** Stops retrying: what is still queued is settled as dropped. */
  abandon(): void {
    this.closed = true;
    this.wake?.();
  }

  private async drain(): Promise<void> {
    this.running = true;
    let delay = RETRY_FIRST_MS;
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      if (this.closed) {
        this.pending.shift();
        next.settle('dropped');
        continue;
      }
      try {
        const started = performance.now();
        await next.run();
        this.longestMs = Math.max(this.longestMs, performance.now() - started);
        this.written++;
        this.pending.shift();
        next.settle('written');
        delay = RETRY_FIRST_MS;
        if (this.down) {
          this.down = false;
          this.logger.info(
            { queued: this.pending.length, dropped: this.dropped },
            'store is back; queued writes written',
          );
          this.dropped = 0;
        }
      } catch (error) {
        if (isTransientStoreError(error)) {
          if (!this.down) {
            this.down = true;
            this.logger.warn(
              { err: error, queued: this.pending.length, what: next.what },
              'store unavailable; writes are queued until it is back',
            );
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
          delay = Math.min(delay * 2, RETRY_MAX_MS);
        } else {
          this.pending.shift();
          this.logger.error({ err: error, what: next.what }, 'store refused a write; it is skipped');
          next.settle('failed');
        }
      }
    }
    this.running = false;
    for (const resolve of this.idle) resolve();
    this.idle.clear();
  }
}
