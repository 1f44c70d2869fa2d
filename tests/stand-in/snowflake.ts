/**
 * Snowflake ids as Discord makes them (docs: Reference → Snowflakes):
 * `(ms since 2015-01-01) << 22 | worker << 17 | process << 12 | increment`.
 *
 * Real-looking ids matter: @discordjs/rest only recognises 17–19 digit ids as the
 * "major parameter" of a route (`REST.generateRouteData`), so short fake ids would
 * silently change how discord.js buckets its rate limits.
 */
export const DISCORD_EPOCH = 1_420_070_400_000n;

export class SnowflakeGenerator {
  private increment = 0n;
  private lastTimestamp = 0n;

  constructor(
    private readonly workerId = 1n,
    private readonly processId = 0n,
  ) {}

  next(at: number = Date.now()): string {
    let timestamp = BigInt(at) - DISCORD_EPOCH;
    // Keep ids strictly increasing even when called many times in one millisecond.
    if (timestamp < this.lastTimestamp) timestamp = this.lastTimestamp;
    if (timestamp === this.lastTimestamp) {
      this.increment = (this.increment + 1n) & 0xfffn;
      if (this.increment === 0n) timestamp += 1n;
    } else {
      this.increment = 0n;
    }
    this.lastTimestamp = timestamp;
    return ((timestamp << 22n) | (this.workerId << 17n) | (this.processId << 12n) | this.increment).toString();
  }
}

/**
 * Ids made at a given past moment (an interaction Discord created a while before delivering it). Another process
 * id than the generator's, with its own increment, so they never collide with the ids of `SnowflakeGenerator`.
 */
export class PastSnowflakes {
  private increment = 0n;

  at(ms: number): string {
    this.increment = (this.increment + 1n) & 0xfffn;
    return (((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) | (1n << 17n) | (1n << 12n) | this.increment).toString();
  }
}

/** Milliseconds since the Unix epoch at which a snowflake was made. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** docs: Gateway → Sharding: `shard_id = (guild_id >> 22) % num_shards`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
