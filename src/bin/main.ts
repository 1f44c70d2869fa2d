import { COMMANDS, validateCommands } from '../../commands/index.js';
import { loadKnowledge, NoKnowledgeError } from '../app/knowledge.js';
import { LibraryHolder, type ReloadOutcome, hasChanges } from '../app/library-holder.js';
import { openConfiguredStore, storeContext } from '../app/store-context.js';
import { describeChanges, logReload, watchKnowledge } from '../app/watch-knowledge.js';
import { ConfigError, loadConfig, loadDotenv, withholdShardSettings } from '../config.js';
import { runConsole } from '../console/repl.js';
import { createLogger } from '../log.js';
import { StoreOpenError } from '../store/index.js';

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the terminal console otherwise.
 * Start-up errors that a person must fix are printed as one clear message and exit 1.
 */
async function main(): Promise<void> {
  loadDotenv();
  const config = loadConfig();
  withholdShardSettings();
  const commandErrors = validateCommands(COMMANDS);
  if (commandErrors.length > 0)
    throw new Error(`The command registry is malformed:\n  - ${commandErrors.join('\n  - ')}`);

  if (config.discord) {
    const { startBot } = await import('../discord/bot.js');
    const logger = createLogger({ level: config.logLevel, secrets: [config.discord.token] });
    const store = await openConfiguredStore(config, logger);
    const kb = await loadKnowledge(config.knowledgeDir, logger);
    await startBot({ config, discord: config.discord, kb, commands: COMMANDS, logger, store });
    return;
  }

  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
  const store = await openConfiguredStore(config, logger);
  const holder = new LibraryHolder(config.knowledgeDir, await loadKnowledge(config.knowledgeDir, logger));
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
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof NoKnowledgeError || error instanceof StoreOpenError)
    process.stderr.write(`${error.message}\n`);
  else
    process.stderr.write(
      `Footnote could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  process.exit(1);
});
