import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_ARTICLE_BYTES } from '../core/knowledge/load.js';
import type { IngestFailure } from './outcomes.js';

const DOWNLOAD_TIMEOUT_MS = 15_000;

/**
 * A file a person attached to `/library add`, downloaded from the address Discord gives for it (Discord's own CDN:
 * the address comes from Discord, not from the person, so the link rules of a pasted URL do not apply) into a
 * temporary folder of its own, under its own name so its type is known. The size limit holds while reading.
 * `use` gets the path; the folder is removed afterwards, whatever happens.
 */
export async function withDownloadedAttachment<T>(
  url: string,
  name: string,
  use: (file: string) => Promise<T>,
): Promise<T | IngestFailure> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { kind: 'timeout', seconds: DOWNLOAD_TIMEOUT_MS / 1000 };
    return { kind: 'unreachable', host: hostOf(url), reason: (error as Error).message };
  }
  if (!response.ok) return { kind: 'http-status', status: response.status };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ARTICLE_BYTES) {
      await reader.cancel();
      return { kind: 'too-large', limitBytes: MAX_ARTICLE_BYTES };
    }
    chunks.push(value);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'footnote-attachment-'));
  try {
    // Only the name's last part, so no path in it can lead out of the folder.
    const file = path.join(
      dir,
      path.basename(name).replace(/^\.+/, '') || `attachment-${randomBytes(4).toString('hex')}`,
    );
    await writeFile(file, Buffer.concat(chunks));
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
