/**
 * Per-user and per-channel cooldowns. Remembers only the last time each was used, and forgets entries once they
 * have expired, so memory stays flat however many people ask.
 */
export class Cooldowns {
  private readonly users = new Map<string, number>();
  private readonly channels = new Map<string, number>();

  constructor(
    private readonly userSeconds: number,
    private readonly channelSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait (rounded up), or 0 when the request may go ahead, in which case it is recorded. */
  take(userId: string, channelId: string | null): number {
    const now = this.now();
    this.sweep(now);
    const userWait = this.remaining(this.users.get(userId), this.userSeconds, now);
    const channelWait = channelId === null ? 0 : this.remaining(this.channels.get(channelId), this.channelSeconds, now);
    const wait = Math.max(userWait, channelWait);
    if (wait > 0) return Math.ceil(wait / 1_000);
    if (this.userSeconds > 0) this.users.set(userId, now);
    if (channelId !== null && this.channelSeconds > 0) this.channels.set(channelId, now);
    return 0;
  }

  private remaining(last: number | undefined, seconds: number, now: number): number {
    if (last === undefined || seconds <= 0) return 0;
    return Math.max(0, last + seconds * 1_000 - now);
  }

  private sweep(now: number): void {
    if (this.users.size + this.channels.size < 1_000) return;
    for (const [id, at] of this.users) if (now - at > this.userSeconds * 1_000) this.users.delete(id);
    for (const [id, at] of this.channels) if (now - at > this.channelSeconds * 1_000) this.channels.delete(id);
  }

  get size(): number {
    return this.users.size + this.channels.size;
  }
}
