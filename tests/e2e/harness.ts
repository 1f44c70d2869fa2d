import { type ServedLibraries, fixedLibrary } from '../../src/app/library-holder.js';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command, LibraryControl } from '../../commands/command.js';
import type { KnowledgeBase } from '../../src/core/knowledge-base.js';
import type { RunningBot } from '../../src/discord/bot.js';
import { DiscordStandIn, type DiscordStandInOptions } from '../stand-in/discord-stand-in.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BOT_ID = '111111111111111111';
/** A token shaped like Discord's: base64url of the bot id, a timestamp part and an HMAC part. */
export const TOKEN = `${Buffer.from(BOT_ID).toString('base64url')}.GhIjKl.${'x'.repeat(27)}`;

export interface RunningProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** What the process wrote to stderr alone (the JSON log lines, and a fatal message). */
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * Runs one of the package's entry points as `npm start` does (`node --import tsx <entry>`: one process, tsx as a
 * loader, not tsx's CLI wrapper, which relays signals to a child of its own), configured only through the
 * environment. A signal sent to the child is the signal a user's `npm start` gets.
 */
export function runEntry(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, stderr: () => stderr, exited };
}

/**
 * One SQLite file per stand-in, in a temporary folder: the bots (and shards) of one test share it as the processes
 * of one host would, and test files running side by side never lock each other's store or the repository's.
 */
const storeFiles = new WeakMap<DiscordStandIn, string>();
function storeFileFor(standIn: DiscordStandIn): string {
  let file = storeFiles.get(standIn);
  if (file === undefined) {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'footnote-e2e-')), 'footnote.sqlite');
    storeFiles.set(standIn, file);
  }
  return file;
}

export function botEnv(standIn: DiscordStandIn, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: `sqlite:${storeFileFor(standIn)}`,
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: BOT_ID,
    DISCORD_GUILD_ID: standIn.defaultGuildId,
    DISCORD_API_BASE: standIn.apiBase,
    KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
    LOG_LEVEL: 'info',
    COOLDOWN_SECONDS: '0',
    ...extra,
  };
}

export async function startStandIn(options: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
  return DiscordStandIn.start({
    token: TOKEN,
    applicationId: BOT_ID,
    botUserId: BOT_ID,
    botUsername: 'Footnote',
    ...options,
  });
}

/** Runs deploy-commands, then starts the bot and waits until it has identified and received its guilds. */
export async function startBotAgainst(
  standIn: DiscordStandIn,
  extra: Record<string, string> = {},
): Promise<RunningProcess> {
  const deploy = runEntry('src/bin/deploy-commands.ts', botEnv(standIn, extra));
  const code = await deploy.exited;
  if (code !== 0) throw new Error(`deploy-commands failed:\n${deploy.output()}`);
  const bot = runEntry('src/bin/main.ts', botEnv(standIn, extra));
  await standIn.waitForReady(undefined, 20_000);
  // READY reaches the client a moment after IDENTIFY; wait for the bot's own log line.
  const deadline = Date.now() + 20_000;
  while (!bot.output().includes('connected to Discord')) {
    if (Date.now() > deadline) throw new Error(`bot did not become ready:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return bot;
}

export async function stopBot(bot: RunningProcess | undefined): Promise<number | null> {
  if (!bot) return null;
  bot.child.kill('SIGTERM');
  return bot.exited;
}

// ---- additions for the fault, process and abuse suites --------------------------------------------------------

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the process has printed `pattern` (from its start), or rejects with what it printed so far. */
export async function waitForOutput(proc: RunningProcess, pattern: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const found = (): boolean =>
    typeof pattern === 'string' ? proc.output().includes(pattern) : pattern.test(proc.output());
  while (!found()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${String(pattern)} in the output:\n${proc.output()}`);
    await sleep(25);
  }
}

/**
 * Registers the registry (or `commands`) with the stand-in as deploy-commands does (bulk overwrite of the guild's
 * commands), without spawning it: for suites that start several bots on one stand-in.
 */
export async function registerCommands(
  standIn: DiscordStandIn,
  commands?: readonly { data: unknown }[],
): Promise<void> {
  const list = commands ?? (await import('../../commands/index.js')).COMMANDS;
  const response = await fetch(
    `${standIn.apiBase}/v10/applications/${BOT_ID}/guilds/${standIn.defaultGuildId}/commands`,
    {
      method: 'PUT',
      headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(list.map((c) => c.data)),
    },
  );
  if (!response.ok) throw new Error(`registering commands failed: ${response.status} ${await response.text()}`);
}

/** Starts `npm start`'s entry point (no deploy) and waits for `connected to Discord`. */
export async function startEntryAgainst(
  standIn: DiscordStandIn,
  extra: Record<string, string> = {},
): Promise<RunningProcess> {
  const bot = runEntry('src/bin/main.ts', botEnv(standIn, extra));
  try {
    await waitForOutput(bot, 'connected to Discord', 25_000);
  } catch (error) {
    bot.child.kill('SIGKILL');
    throw error;
  }
  return bot;
}

export interface InProcessBot {
  readonly bot: RunningBot;
  /** Every log line the bot wrote (JSON, as on stderr), parsed. */
  readonly logs: () => LogLine[];
  /** The raw lines, for searching for secrets. */
  readonly rawLogs: () => string;
  readonly stop: () => Promise<void>;
}

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

let knowledge: Promise<KnowledgeBase> | undefined;

/**
 * Runs the bot in this process (`startBot`, which leaves the process alone), for tests that need to put something into it:
 * a slow or broken command in the registry, a shorter defer delay. The configuration still comes from the same
 * environment variables as the spawned bot, through `loadConfig`.
 */
export async function startBotInProcess(
  standIn: DiscordStandIn,
  options: {
    env?: Record<string, string>;
    commands?: readonly Command[];
    deferAfterMs?: number;
    /** The libraries the bot serves (a LibraryHolder with shelves); by default the knowledge folder, fixed. */
    libraries?: ServedLibraries;
    libraryControl?: LibraryControl;
  } = {},
): Promise<InProcessBot> {
  const [{ loadConfig }, { createLogger }, { loadKnowledge }, { startBot }, { MemoryButtonStateStore }, { COMMANDS }] =
    await Promise.all([
      import('../../src/config.js'),
      import('../../src/log.js'),
      import('../../src/app/knowledge.js'),
      import('../../src/discord/bot.js'),
      import('../../src/discord/button-state.js'),
      import('../../commands/index.js'),
    ]);
  const config = loadConfig({ ...botEnv(standIn), LOG_LEVEL: 'debug', ...options.env });
  if (!config.discord) throw new Error('no Discord configuration');
  let raw = '';
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.discord.token],
    destination: { write: (line) => (raw += line) },
  });
  knowledge ??= loadKnowledge(config.knowledgeDir, createLogger({ level: 'silent' }));
  const kb = await knowledge;
  const bot = await startBot({
    config,
    discord: config.discord,
    libraries: options.libraries ?? fixedLibrary(kb),
    ...(options.libraryControl !== undefined ? { libraryControl: options.libraryControl } : {}),
    commands: options.commands ?? COMMANDS,
    logger,
    buttonStates: new MemoryButtonStateStore(),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  const deadline = Date.now() + 10_000;
  while (!bot.client.isReady()) {
    if (Date.now() > deadline) throw new Error(`in-process bot did not become ready:\n${raw}`);
    await sleep(20);
  }
  return {
    bot,
    rawLogs: () => raw,
    logs: () =>
      raw
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LogLine),
    stop: () => bot.stop(),
  };
}
