import { type FSWatcher, watch } from 'node:fs';
import { SHELVES_DIR, isGuildId } from '../core/knowledge/shelves.js';
import type { Logger } from '../log.js';
import {
  type KeptArticle,
  type LibraryChanges,
  type LibraryHolder,
  type ReloadOutcome,
  hasChanges,
} from './library-holder.js';

/** Editors save in bursts (a temporary file, a rename, a second write): one reload after the burst. */
export const RELOAD_DEBOUNCE_MS = 300;

/** A change the shared library must be read again for: not a dot-file (editors' and ingest's temporary files), not a shelf. */
export function concernsSharedLibrary(relative: string): boolean {
  const parts = relative.split(/[\\/]/);
  if (parts.some((part) => part.startsWith('.'))) return false;
  return parts[0] !== SHELVES_DIR;
}

/** The server whose shelf a change under the knowledge folder is on (`servers/<id>/…`), if any. */
export function shelfOfChange(relative: string): string | undefined {
  const parts = relative.split(/[\\/]/);
  if (parts.some((part) => part.startsWith('.')) || parts[0] !== SHELVES_DIR || parts.length < 3) return undefined;
  return isGuildId(parts[1]!) ? parts[1] : undefined;
}

/** The log line of a reload: what changed, and passages before and after. */
export function describeChanges(changes: LibraryChanges): string {
  const list = (label: string, files: readonly string[]): string[] =>
    files.length > 0 ? [`${label} ${files.join(', ')}`] : [];
  const parts = [
    ...list('added', changes.added),
    ...list('changed', changes.changed),
    ...list('removed', changes.removed),
  ];
  const what = parts.length > 0 ? parts.join('; ') : 'nothing changed';
  return `library reloaded: ${what}; passages ${changes.passagesBefore} → ${changes.passagesAfter}`;
}

/** A warning for each file kept at its previous version, naming it and saying why. */
function warnKept(kept: readonly KeptArticle[], logger: Logger, fields: Record<string, string> = {}): void {
  for (const { file, reasons } of kept)
    logger.warn(
      { ...fields, file },
      `${file} fails validation (${reasons.join('; ') || 'unreadable'}); its previous version is still served`,
    );
}

/** Logs a reload's outcome; every file kept at its previous version gets a warning that names it and says why. */
export function logReload(outcome: ReloadOutcome, logger: Logger): void {
  if (outcome.kind === 'kept') {
    logger.warn(`reload skipped, the previous library goes on serving: ${outcome.reason}`);
    return;
  }
  warnKept(outcome.changes.kept, logger);
  const { changes, ms } = outcome;
  const fields = { added: changes.added, changed: changes.changed, removed: changes.removed, ms };
  if (hasChanges(changes)) logger.info(fields, describeChanges(changes));
  else logger.debug(fields, describeChanges(changes));
}

export interface KnowledgeWatcher {
  close(): void;
}

/**
 * Watches the knowledge folder (recursively) and reloads the holder once a burst of changes has settled; `report`
 * hears every outcome (`logReload` logs it). A reload that fails unexpectedly is logged, and the library that was
 * serving goes on serving.
 */
export function watchKnowledge(
  holder: LibraryHolder,
  report: (outcome: ReloadOutcome) => void,
  options: { readonly logger?: Logger; readonly debounceMs?: number } = {},
): KnowledgeWatcher {
  const logger = options.logger;
  let timer: NodeJS.Timeout | undefined;
  const reload = (): void => {
    timer = undefined;
    holder
      .reload()
      .then(report, (error: unknown) =>
        logger?.error({ err: error }, 'reloading the library failed; the previous library is still served'),
      );
  };
  // A shelf is read again on its own, so a server's addition never waits for (or costs) the shared library's rebuild.
  const shelfTimers = new Map<string, NodeJS.Timeout>();
  const reloadShelf = (guildId: string): void => {
    shelfTimers.delete(guildId);
    holder.reloadShelf(guildId).then(
      ({ changes }) => {
        if (hasChanges(changes)) logger?.info({ server: guildId }, `shelf of ${guildId}: ${describeChanges(changes)}`);
        if (logger) warnKept(changes.kept, logger, { server: guildId });
      },
      (error: unknown) => logger?.error({ err: error, server: guildId }, 'reloading a shelf failed'),
    );
  };
  let watcher: FSWatcher;
  try {
    watcher = watch(holder.dir, { recursive: true }, (_event, filename) => {
      const shelf = filename === null ? undefined : shelfOfChange(filename.toString());
      if (shelf !== undefined) {
        clearTimeout(shelfTimers.get(shelf));
        shelfTimers.set(
          shelf,
          setTimeout(() => reloadShelf(shelf), options.debounceMs ?? RELOAD_DEBOUNCE_MS),
        );
        return;
      }
      if (filename !== null && !concernsSharedLibrary(filename.toString())) return;
      clearTimeout(timer);
      timer = setTimeout(reload, options.debounceMs ?? RELOAD_DEBOUNCE_MS);
    });
  } catch (error) {
    logger?.warn(
      { err: error, dir: holder.dir },
      'the knowledge folder cannot be watched; changes need /reload or a restart',
    );
    return { close: () => undefined };
  }
  watcher.on('error', (error) =>
    logger?.warn({ err: error }, 'watching the knowledge folder stopped; changes need /reload'),
  );
  return {
    close: () => {
      clearTimeout(timer);
      for (const pending of shelfTimers.values()) clearTimeout(pending);
      watcher.close();
    },
  };
}
