import { pathToFileURL } from 'node:url';
import { gaps as gapsCommand, renderGaps } from '../commands/gaps.js';
import { readFlags, UsageError } from '../src/bin/cli-shared.js';
import { ConfigError, loadConfig, loadDotenv } from '../src/config.js';
import { renderTerminal } from '../src/console/render.js';
import { createLogger } from '../src/log.js';
import { openStore, type Store, StoreOpenError } from '../src/store/index.js';

const USAGE = 'Usage: npm run report -- [--server ID] [--days N] [--json]';
const SNOWFLAKE = /^\d{17,20}$/;
const MAX_DAYS = 3_650;

export interface ReportRequest {
  readonly server?: string;
  readonly days: number;
  readonly json: boolean;
}

/** `--server`, `--days` (default 7), `--json`; 'help' for `--help`. A bad value is a UsageError. */
export function readReportArgs(argv: readonly string[]): ReportRequest | 'help' {
  const flags = readFlags(
    argv,
    { server: { type: 'string' }, days: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (flags === 'help') return 'help';
  const server = typeof flags.server === 'string' ? flags.server : undefined;
  if (server !== undefined && !SNOWFLAKE.test(server))
    throw new UsageError(`--server must be a Discord server id of 17 to 20 digits\n${USAGE}`);
  const days = typeof flags.days === 'string' ? Number(flags.days) : 7;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw new UsageError(`--days must be a whole number from 1 to ${MAX_DAYS}\n${USAGE}`);
  return { ...(server !== undefined ? { server } : {}), days, json: flags.json === true };
}

/** The report's text: JSON in the documented shape, or the /gaps list for a terminal. Undefined: store unavailable. */
export async function buildReport(store: Store, request: ReportRequest): Promise<string | undefined> {
  const report = await store.gapsReport(request.server, request.days);
  if (!report.ok) return undefined;
  if (request.json) return `${JSON.stringify(report.value, null, 2)}\n`;
  return `${renderTerminal(renderGaps(report.value, Number.POSITIVE_INFINITY))}\n`;
}

/** `npm run report`: what /gaps shows, for scripts; every server unless `--server` names one. */
async function main(argv: readonly string[]): Promise<number> {
  const request = readReportArgs(argv);
  if (request === 'help') {
    process.stdout.write(`${USAGE}\n${gapsCommand.summary}\n`);
    return 0;
  }
  loadDotenv();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: true });
  const store = await openStore({
    location: config.store.location,
    logger,
    retentionDays: config.store.retentionDays,
    maintenanceIntervalMs: 0,
    ...(config.store.userHashSecret !== undefined ? { userHashSecret: config.store.userHashSecret } : {}),
  });
  try {
    const text = await buildReport(store, request);
    if (text === undefined) {
      process.stderr.write('The store is unavailable just now. Try again in a moment.\n');
      return 1;
    }
    process.stdout.write(text);
    return 0;
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError || error instanceof ConfigError || error instanceof StoreOpenError)
        process.stderr.write(`${error.message}\n`);
      else
        process.stderr.write(
          `report failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
