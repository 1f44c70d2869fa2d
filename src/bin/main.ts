import { COMMANDS, validateCommands } from '../../commands/index.js';
import { indexBuildOptions, loadKnowledge } from '../app/knowledge.js';
import { LibraryHolder, type ReloadOutcome, hasChanges } from '../app/library-holder.js';
import { openConfiguredStore, storeContext } from '../app/store-context.js';
import { describeChanges, logReload, watchKnowledge } from '../app/watch-knowledge.js';
import { type Config, type DiscordConfig, loadConfig, loadDotenv, withholdShardSettings } from '../config.js';
import { runConsole } from '../console/repl.js';
import { createLogger } from '../log.js';
import { runMain } from './cli-shared.js';

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
  const kb = await loadKnowledge(config.knowledgeDir, logger, indexBuildOptions(config.snapshotDir, logger));
  kb.prepareFacts();
  const bot = await startBot({ config, discord, kb, commands: COMMANDS, logger, store, buttonStates: store });
  const lost = bot.fatal.then((close) => {
    process.stderr.write(`${close.explanation}\n`);
    return 1;
  });
  const code = await Promise.race([stopRequested, lost]);
  await bot.stop();
  return code;
}

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the terminal console otherwise.
 * Start-up errors that a person must fix are printed as one clear message and exit 1.
 */
async function main(): Promise<number> {
  loadDotenv();
  const config = loadConfig();
  withholdShardSettings();
  const commandErrors = validateCommands(COMMANDS);
  if (commandErrors.length > 0)
    throw new Error(`The command registry is malformed:\n  - ${commandErrors.join('\n  - ')}`);

  if (config.discord) return serveDiscord(config, config.discord);

  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
  const store = await openConfiguredStore(config, logger);
  const build = indexBuildOptions(config.snapshotDir, logger);
  const holder = new LibraryHolder(config.knowledgeDir, await loadKnowledge(config.knowledgeDir, logger, build), build);
  // Each command reads the library once, when it starts: a reload swaps it for the next one.
  const context = {
    get kb() {
      return holder.current;
    },
    commands: COMMANDS,
    ...storeContext(config, store),
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
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    context,
    commands: COMMANDS,
    logger,
    localCommands: { '/reload': reload },
  });
  watcher.close();
  await store.close();
  return 0;
}

runMain(main, { failure: 'Footnote could not start', exit: 'always' });
