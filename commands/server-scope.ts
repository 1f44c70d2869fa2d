import type { NoticeReply } from '../src/core/reply.js';
import { STORE_MESSAGES } from '../src/messages.js';
import type { Reply } from '../src/core/reply.js';
import type { Store } from '../src/store/index.js';
import { type Command, type CommandContext, type CommandInput, stringOption } from './command.js';

const SNOWFLAKE = /^\d{17,20}$/;

export interface ServerScope {
  readonly store: Store;
  readonly guildId: string;
  /** The channel the command was used in (Discord only). */
  readonly channelId?: string;
}

const notice = (text: string, tone: NoticeReply['tone'] = 'warning'): NoticeReply => ({ kind: 'notice', tone, text });

/**
 * Which server a server-admin command (/settings, /gaps) acts on, and whether the person may: in Discord the
 * interaction's server, with Manage Server checked again now (a server can override `default_member_permissions`
 * per channel); in the console the `server:` option, since whoever runs the host may see every server.
 */
export function resolveServerScope(
  input: CommandInput,
  context: CommandContext,
  usage: string,
): ServerScope | NoticeReply {
  const { invoker } = input;
  if (invoker === undefined) return notice(STORE_MESSAGES.needsServer);
  if (context.store === undefined) return notice(STORE_MESSAGES.storeMissing, 'info');
  if (invoker.kind === 'console') {
    const guildId = stringOption(input, 'server');
    if (guildId === undefined || !SNOWFLAKE.test(guildId)) return notice(STORE_MESSAGES.consoleNeedsServer(usage));
    return { store: context.store, guildId };
  }
  if (invoker.guildId === undefined) return notice(STORE_MESSAGES.needsServer);
  if (!invoker.canManageServer) return notice(STORE_MESSAGES.needsManageServer);
  return {
    store: context.store,
    guildId: invoker.guildId,
    ...(invoker.channelId !== undefined ? { channelId: invoker.channelId } : {}),
  };
}

/** A boolean option as Discord sends it, or as typed in the console. */
export function booleanOption(input: CommandInput, name: string): boolean | undefined {
  const value = input.options[name];
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  return undefined;
}

export function integerOption(input: CommandInput, name: string, min: number, max: number): number | undefined {
  const raw = input.options[name];
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/**
 * A command about one server's own data (/settings, /gaps): answered privately, with `server:` in the console, and
 * run only once `resolveServerScope` has found the server and checked the person may act on it.
 */
export function serverCommand(
  definition: Pick<Command, 'data' | 'consoleName' | 'summary' | 'usage'> & {
    run(scope: ServerScope, input: CommandInput, context: CommandContext): Promise<Reply>;
  },
): Command {
  const { run, ...rest } = definition;
  return {
    ...rest,
    consoleOptions: ['server'],
    ephemeral: true,
    async execute(input, context) {
      const scope = resolveServerScope(input, context, definition.usage);
      return 'kind' in scope ? scope : run(scope, input, context);
    },
  };
}
