import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Interaction and webhook tokens travel inside URLs (`/interactions/{id}/{token}/callback`, `/webhooks/{app}/{token}`),
 * so they turn up in error messages and stacks. Every line the logger writes passes through here.
 */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text
    .replace(/(interactions\/\d+\/)[^/\s"'?]+/g, '$1[redacted]')
    .replace(/(webhooks\/\d+\/)[^/\s"'?]+/g, '$1[redacted]')
    .replace(/(Bot |Bearer )[\w.-]{20,}/g, '$1[redacted]');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Values never to print: the bot token. */
  readonly secrets?: readonly string[];
  /** Human lines (`warn: …`) for the console; JSON lines otherwise. */
  readonly pretty?: boolean;
  readonly destination?: { write(line: string): void };
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** The one logger factory: structured JSON to stderr, with secrets scrubbed from every line. */
export function createLogger(options: LoggerOptions): Logger {
  const out = options.destination ?? process.stderr;
  const secrets = options.secrets ?? [];
  const write = options.pretty
    ? (line: string) => {
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
        out.write(
          `${LEVEL_NAMES[entry.level] ?? 'log'}: ${entry.msg ?? ''}${entry.err?.message ? ` (${entry.err.message})` : ''}\n`,
        );
      }
    : (line: string) => out.write(line);
  return pino(
    {
      level: options.level,
      base: null,
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    { write },
  );
}
