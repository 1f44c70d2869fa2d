import { COMMANDS, validateCommands } from '../../commands/index.js';
import { indexBuildOptions, loadKnowledge, logProblem } from '../app/knowledge.js';
import { LibraryHolder, type ReloadOutcome, hasChanges, libraryControlOf } from '../app/library-holder.js';
import { openConfiguredStore, storeContext } from '../app/store-context.js';
import { describeChanges, logReload, watchKnowledge } from '../app/watch-knowledge.js';
import { type Config, type DiscordConfig, loadConfig, loadDotenv, withholdShardSettings } from '../config.js';
import { runConsole } from '../console/repl.js';
import { type Logger, createLogger } from '../log.js';
import { inConsoleLanguage, readFlags, runMain, serverFlag } from './cli-shared.js';

const USAGE =
  "Usage: npm start [-- --server ID] [--locale ru]   (--server: the console sees that server's shelf too; --locale or LANG: its language)";

/** The shared library and every server's shelf, read and indexed; a shelf's problems are logged with its server. */
async function openLibraries(config: Config, logger: Logger): Promise<LibraryHolder> {
  const build = indexBuildOptions(config.snapshotDir, logger);
  const holder = new LibraryHolder(config.knowledgeDir, await loadKnowledge(config.knowledgeDir, logger, build), build);
  for (const problem of await holder.loadShelves()) logProblem(logger)(problem);
  return holder;
}

/**
 * Runs the Discord bot until a signal, the loss of the sharding manager, or a close code that must not be retried;
 * resolves with the exit code. The process is this entry point's: the bot only reports what happened.
 */
async function serveDiscord(config: Config, discord: DiscordConfig): Promise<number> {
  const { startBot } = await import('../discord/bot.js');
  const logger = createLogger({ level: config.logLevel, secrets: [discord.token] });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  // Listened for before the login, so a signal while it runs stops the bot as soon as it is up.
  const stopRequested = new Promise<number>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(0));
    // A shard of a ShardingManager: if the manager dies, stop too, or a restarted manager would find this session
    // still open and the guilds would be served twice.
    if (process.send) {
      process.once('disconnect', () => {
        logger.warn('the sharding manager is gone; stopping');
        resolve(0);
      });
    }
  });
  const store = await openConfiguredStore(config, logger);
  const holder = await openLibraries(config, logger);
  // The bot follows the knowledge folder as the console does: a change is served within seconds, without a restart.
  const watcher = watchKnowledge(holder, (outcome) => logReload(outcome, logger), { logger });
  const bot = await startBot({
    config,
    discord,
    libraries: holder,
    libraryControl: libraryControlOf(holder, config),
    commands: COMMANDS,
    logger,
    store,
    buttonStates: store,
  });
  const lost = bot.fatal.then((close) => {
    process.stderr.write(`${close.explanation}\n`);
    return 1;
  });
  const code = await Promise.race([stopRequested, lost]);
  watcher.close();
  await bot.stop();
  return code;
}

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the terminal console otherwise.
 * Start-up errors that a person must fix are printed as one clear message and exit 1.
 */
async function main(): Promise<number> {
  const flags = readFlags(process.argv.slice(2), { server: { type: 'string' }, locale: { type: 'string' } }, USAGE);
  if (flags === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const server = serverFlag(flags.server, USAGE);
  loadDotenv();
  const config = loadConfig();
  withholdShardSettings();
  const commandErrors = validateCommands(COMMANDS);
  if (commandErrors.length > 0)
    throw new Error(`The command registry is malformed:\n  - ${commandErrors.join('\n  - ')}`);

  if (config.discord) return serveDiscord(config, config.discord);

  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
  const store = await openConfiguredStore(config, logger);
  const holder = await openLibraries(config, logger);
  // Each command reads the library once, when it starts: a reload swaps it for the next one. With --server, the
  // console sees that server's shelf beside the shared library, as the server's members do.
  const context = {
    get kb() {
      return holder.forServer(server);
    },
    commands: COMMANDS,
    ...storeContext(config, store),
    libraryControl: libraryControlOf(holder, config),
  };
  // The console's logger shows warnings only, so what a reload changed is written to the terminal as well.
  const showReload = (outcome: ReloadOutcome): void => {
    logReload(outcome, logger);
    if (outcome.kind === 'reloaded' && hasChanges(outcome.changes))
      process.stdout.write(`\n${describeChanges(outcome.changes)}\n`);
  };
  const watcher = watchKnowledge(holder, showReload, { logger });
  const reload = async (): Promise<string> => {
    const outcome = await holder.reload();
    logReload(outcome, logger);
    return outcome.kind === 'reloaded' ? describeChanges(outcome.changes) : outcome.reason;
  };
  // --locale, else LANG: the console writes every sentence in that language; excerpts stay as the articles have them.
  await inConsoleLanguage(flags.locale, config, () =>
    runConsole({
      input: process.stdin,
      output: process.stdout,
      context,
      commands: COMMANDS,
      logger,
      localCommands: { '/reload': reload },
    }),
  );
  watcher.close();
  await store.close();
  return 0;
}

runMain(main, { failure: 'Footnote could not start', exit: 'always' });
