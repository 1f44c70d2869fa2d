import { Client, Events, GatewayCloseCodes, GatewayIntentBits, type Interaction, type Message } from 'discord.js';
import type { Command, LibraryControl } from '../../commands/command.js';
import type { ServedLibraries } from '../app/library-holder.js';
import type { Config, DiscordConfig } from '../config.js';
import { ExplainedError } from '../app/errors.js';
import type { Logger } from '../log.js';
import { storeContext } from '../app/store-context.js';
import type { Store } from '../store/index.js';
import { BUTTON_STATE_TTL_MS, type ButtonStateStore } from './button-state.js';
import { Cooldowns } from './cooldown.js';
import { PassageKeys } from './custom-id.js';
import { handleInteraction } from './interactions.js';
import { handleMention } from './mentions.js';
import { forgetServer } from './store-hooks.js';

export interface BotOptions {
  readonly config: Config;
  readonly discord: DiscordConfig;
  /** The shared library (which may be reloaded while the bot runs) and the servers' shelves. */
  readonly libraries: ServedLibraries;
  /** What /library changes; absent, /library says the library cannot be changed from Discord. */
  readonly libraryControl?: LibraryControl;
  readonly commands: readonly Command[];
  readonly logger: Logger;
  /** Settings, votes, the question log; closed when the bot stops. */
  readonly store?: Store;
  /** Where button state that does not fit in a custom_id is kept (in memory, or a database shared by shards). */
  readonly buttonStates: ButtonStateStore;
  /** How long a button's stored state lives (default BUTTON_STATE_TTL_MS). */
  readonly stateTtlMs?: number;
  /** Test seam: how long a command may run before its reply is deferred (default DEFER_AFTER_MS). */
  readonly deferAfterMs?: number;
}

/** Gateway close codes that discord.js does not retry (it emits `shardDisconnect` for them): a person must act. */
const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

/** What a person must do about a login that cannot succeed; discord.js gives up on these close codes itself. */
function explainLoginFailure(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'TokenInvalid' || code === GatewayCloseCodes.AuthenticationFailed)
    return 'Discord refused the token (4004). Reset it in the Developer Portal (Bot tab) and set DISCORD_TOKEN again.';
  if (code === 'DisallowedIntents' || code === GatewayCloseCodes.DisallowedIntents)
    return 'Discord refused an intent (4014). Footnote needs only Guilds and Guild Messages; check the Bot tab in the Developer Portal.';
  if (code === GatewayCloseCodes.InvalidIntents) return 'Discord refused the intents value (4013, invalid intents).';
  if (code === GatewayCloseCodes.ShardingRequired)
    return 'Discord requires sharding for this many servers (4011): run `npm run start:sharded` (README, "Scaling").';
  return undefined;
}

/** A login that cannot succeed (a refused token or intent): the message says what a person must do. */
export class LoginError extends ExplainedError {}

/** The connection was closed with a code that must not be retried, after login. */
export interface FatalClose {
  readonly code: number;
  readonly shard: number;
  readonly explanation: string;
}

/** Tracks answers in flight, so a stopping bot can let them finish. */
class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track(work: Promise<unknown>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  async settle(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    const all = Promise.allSettled([...this.running]).then(() => true);
    return Promise.race([all, new Promise<boolean>((resolve) => setTimeout(resolve, timeoutMs, false).unref())]);
  }
}

export interface RunningBot {
  readonly client: Client;
  /** Stops taking new work, lets answers in flight finish within the grace period, then closes the connection. */
  stop(): Promise<void>;
  /**
   * Settles when Discord closes the connection for good (a close code discord.js does not retry): the bot has
   * stopped by then, and whoever runs the process decides what to do (the entry point exits 1). Never settles
   * otherwise.
   */
  readonly fatal: Promise<FatalClose>;
}

/**
 * The Discord face: a discord.js client with the fewest intents that work (a bot receives the text of messages
 * that mention it without the privileged Message Content intent), mentions off client-wide, and one handler
 * per event, each its own error boundary. It holds no state outside the instance and leaves the process alone:
 * signals and the exit code belong to the entry point (`src/bin/main.ts`). A login that cannot succeed rejects
 * with a LoginError.
 */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, discord, libraries, commands, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: { parse: [], repliedUser: false },
    ...(discord.apiBase !== undefined ? { rest: { api: discord.apiBase } } : {}),
  });
  // The shared library now serving; each event reads it once, with its server's shelf (see server-library.ts).
  const context = {
    get kb() {
      return libraries.current;
    },
    commands,
    ...storeContext(config, options.store),
    ...(options.libraryControl !== undefined ? { libraryControl: options.libraryControl } : {}),
  };
  const shared = {
    context,
    libraries,
    buttonStates: options.buttonStates,
    stateTtlMs: options.stateTtlMs ?? BUTTON_STATE_TTL_MS,
    cooldowns: new Cooldowns(config.cooldownSeconds, config.channelCooldownSeconds),
    logger,
  };
  // Buttons of the first format name passages by keys of the library the bot started with.
  const legacyKeys = new PassageKeys(libraries.current);
  const silencedChannels = new Set<string>();
  const inFlight = new InFlight();
  let accepting = true;

  client.once(Events.ClientReady, (ready) => {
    logger.info(
      {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
        articles: libraries.current.articles.length,
        passages: libraries.current.index.size,
      },
      'connected to Discord',
    );
  });
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!accepting) return;
    inFlight.track(
      handleInteraction(interaction, {
        ...shared,
        legacyKeys,
        ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
      }),
    );
  });
  client.on(Events.MessageCreate, (message: Message) => {
    if (!accepting) return;
    inFlight.track(handleMention(message, { ...shared, config, silencedChannels }));
  });
  // discord.js emits GuildDelete only when the bot was removed; an outage (`unavailable`) is GuildUnavailable.
  client.on(Events.GuildDelete, (guild) => forgetServer(context, guild.id, logger));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => logger.warn(message));
  client.on(Events.ShardError, (error, shard) => logger.error({ err: error, shard }, 'shard error'));
  // A fatal close code during login rejects the login with a plain Error ("Used disallowed intents") that carries no
  // code, so the code is kept here for the explanation. After login, discord.js just stops: without this the process
  // would idle with no connection, or exit 0 once nothing keeps it alive, and a supervisor would never know.
  let fatalClose: number | undefined;
  let loggedIn = false;
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (!FATAL_CLOSE_CODES.has(event.code)) {
      logger.warn({ code: event.code, shard }, 'shard disconnected');
      return;
    }
    fatalClose ??= event.code;
    if (loggedIn) void giveUp(event.code, shard);
  });
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'shard reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'shard resumed'));
  client.on(Events.Invalidated, () => logger.warn('session invalidated'));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      accepting = false;
      logger.info('stopping: no new work; finishing answers in flight');
      const finished = await inFlight.settle(config.shutdownGraceMs);
      if (!finished)
        logger.warn({ graceMs: config.shutdownGraceMs }, 'answers still in flight at the end of the grace period');
      await client.destroy();
      await options.store?.close();
      logger.info('stopped');
    })();
    return stopping;
  };

  let reportFatal: (close: FatalClose) => void = () => undefined;
  const fatal = new Promise<FatalClose>((resolve) => {
    reportFatal = resolve;
  });
  const giveUp = async (code: number, shard: number): Promise<void> => {
    const explanation =
      explainLoginFailure({ code }) ?? `Discord closed the connection with code ${code}, which cannot be retried.`;
    logger.fatal({ code, shard }, explanation);
    await stop();
    reportFatal({ code, shard, explanation });
  };

  try {
    await client.login(discord.token);
    loggedIn = true;
  } catch (error) {
    const explanation = explainLoginFailure(fatalClose !== undefined ? { code: fatalClose } : error);
    logger.fatal({ err: error }, explanation ?? 'could not log in to Discord');
    await client.destroy().catch(() => undefined);
    throw new LoginError(
      explanation ?? `Could not log in to Discord: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return { client, stop, fatal };
}
