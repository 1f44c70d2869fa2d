/**
 * Per-user and per-channel cooldowns. Remembers only the last time each was used, and forgets entries once they
 * have expired, so memory stays flat however many people ask.
 */
export class Cooldowns {
  private readonly users = new Map<string, number>();
  private readonly channels = new Map<string, number>();
  /** The longest cooldown used so far, so the sweep never forgets an entry a server's longer cooldown still needs. */
  private longestSeconds: number;

  constructor(
    private readonly userSeconds: number,
    private readonly channelSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.longestSeconds = Math.max(userSeconds, channelSeconds);
  }

  /**
   * Seconds to wait (rounded up), or 0 when the request may go ahead, in which case it is recorded. `seconds`: a
   * server's own cooldowns (/settings), instead of the environment's.
   */
  take(
    userId: string,
    channelId: string | null,
    seconds?: { readonly user: number; readonly channel: number },
  ): number {
    const userSeconds = seconds?.user ?? this.userSeconds;
    const channelSeconds = seconds?.channel ?? this.channelSeconds;
    this.longestSeconds = Math.max(this.longestSeconds, userSeconds, channelSeconds);
    const now = this.now();
    this.sweep(now);
    const userWait = this.remaining(this.users.get(userId), userSeconds, now);
    const channelWait = channelId === null ? 0 : this.remaining(this.channels.get(channelId), channelSeconds, now);
    const wait = Math.max(userWait, channelWait);
    if (wait > 0) return Math.ceil(wait / 1_000);
    if (userSeconds > 0) this.users.set(userId, now);
    if (channelId !== null && channelSeconds > 0) this.channels.set(channelId, now);
    return 0;
  }

  private remaining(last: number | undefined, seconds: number, now: number): number {
    if (last === undefined || seconds <= 0) return 0;
    return Math.max(0, last + seconds * 1_000 - now);
  }

  private sweep(now: number): void {
    if (this.users.size + this.channels.size < 1_000) return;
    for (const [id, at] of this.users) if (now - at > this.longestSeconds * 1_000) this.users.delete(id);
    for (const [id, at] of this.channels) if (now - at > this.longestSeconds * 1_000) this.channels.delete(id);
  }

  get size(): number {
    return this.users.size + this.channels.size;
  }
}
