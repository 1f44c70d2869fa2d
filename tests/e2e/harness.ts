import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { DiscordStandIn } from '../stand-in/discord-stand-in.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BOT_ID = '111111111111111111';
/** A token shaped like Discord's: base64url of the bot id, a timestamp part and an HMAC part. */
export const TOKEN = `${Buffer.from(BOT_ID).toString('base64url')}.GhIjKl.${'x'.repeat(27)}`;

export interface RunningProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Runs one of the package's entry points with tsx, configured only through the environment, as `npm start` would. */
export function runEntry(entry: string, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export function botEnv(standIn: DiscordStandIn, extra: Record<string, string> = {}): Record<string, string> {
  return {
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

export async function startStandIn(): Promise<DiscordStandIn> {
  return DiscordStandIn.start({ token: TOKEN, applicationId: BOT_ID, botUserId: BOT_ID, botUsername: 'Footnote' });
}

/** Runs deploy-commands, then starts the bot and waits until it has identified and received its guilds. */
export async function startBotAgainst(standIn: DiscordStandIn, extra: Record<string, string> = {}): Promise<RunningProcess> {
  const deploy = runEntry('src/cli/deploy-commands.ts', botEnv(standIn, extra));
  const code = await deploy.exited;
  if (code !== 0) throw new Error(`deploy-commands failed:\n${deploy.output()}`);
  const bot = runEntry('src/main.ts', botEnv(standIn, extra));
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
