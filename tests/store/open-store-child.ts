// A second (and third) bot process opening the same store: waits for a shared start time, opens, reports, exits.
import { createLogger } from '../../src/log.js';
import { openStore, type StoreLocation } from '../../src/store/open-store.js';

const [locationJson, startAt] = process.argv.slice(2);
const location = JSON.parse(locationJson ?? '{}') as StoreLocation;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const logger = createLogger({ level: 'info', destination: { write: (line) => void process.stdout.write(line) } });
const store = await openStore({ location, logger, retentionDays: 90, maintenanceIntervalMs: 0 });
await store.close();
