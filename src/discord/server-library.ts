import type { CommandContext } from '../../commands/command.js';
import type { ServedLibraries } from '../app/library-holder.js';

/**
 * The dependencies of one event with the library its server sees (the shared library and that server's shelf), read
 * once, so the whole answer, its autocomplete and its buttons come from one library. `guildId` is that of a server
 * that invited the bot; a DM, or a server where only a member's user install runs, sees the shared library.
 */
export function inServerLibrary<D extends { readonly context: CommandContext; readonly libraries: ServedLibraries }>(
  deps: D,
  guildId: string | null | undefined,
): D {
  return { ...deps, context: { ...deps.context, kb: deps.libraries.forServer(guildId ?? undefined) } };
}
