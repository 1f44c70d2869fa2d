import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * A server's shelf is a folder of its own inside the knowledge folder, `servers/<guild id>/`. The shared library's
 * loader reads only the knowledge folder's top level, so a shelf is never served as shared articles.
 */
export const SHELVES_DIR = 'servers';

const GUILD_ID = /^\d{17,20}$/;

export const isGuildId = (value: string): boolean => GUILD_ID.test(value);

/** The shelf folder of one server; undefined for anything that is not a Discord id (no `..` can reach a path). */
export function shelfDir(knowledgeDir: string, guildId: string): string | undefined {
  return isGuildId(guildId) ? path.join(knowledgeDir, SHELVES_DIR, guildId) : undefined;
}

/** The names of the folders under `servers/`, sorted; none when there is no such folder. */
export async function listShelves(knowledgeDir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(knowledgeDir, SHELVES_DIR), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
