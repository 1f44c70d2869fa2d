import { SERVER_ONLY } from './reach.js';
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { NoticeReply } from '../src/core/reply.js';
import { STORE_MESSAGES } from '../src/messages.js';
import { effectiveSettings, type ServerSettings, type SettingsPatch, type WriteOutcome } from '../src/store/index.js';
import type { CommandContext, CommandInput } from './command.js';
import { stringOption } from './command.js';
import { booleanOption, integerOption, serverCommand } from './server-scope.js';

const MAX_COOLDOWN_SECONDS = 3_600;
const USAGE =
  '/settings server:<id> [show | set mentions:… reply-mode:inline|thread cooldown:… channel-cooldown:… private:… feedback:… logging:… | channel channel:<id> mentions:…]';
/** How long /settings waits for its write before it says "applies in a moment" (Discord wants an answer in 3 s). */
const WRITE_WAIT_MS = 1_500;

const setOptions = [
  {
    name: 'mentions',
    description: 'Answer @Footnote questions in this server',
    type: ApplicationCommandOptionType.Boolean,
  },
  {
    name: 'reply-mode',
    description: 'Answer a mention inline (a reply) or in a thread',
    type: ApplicationCommandOptionType.String,
    choices: [
      { name: 'inline', value: 'inline' },
      { name: 'thread', value: 'thread' },
    ],
  },
  {
    name: 'cooldown',
    description: 'Seconds a member waits between questions (0: none)',
    type: ApplicationCommandOptionType.Integer,
    min_value: 0,
    max_value: MAX_COOLDOWN_SECONDS,
  },
  {
    name: 'channel-cooldown',
    description: 'Seconds between questions in one channel (0: none)',
    type: ApplicationCommandOptionType.Integer,
    min_value: 0,
    max_value: MAX_COOLDOWN_SECONDS,
  },
  {
    name: 'private',
    description: 'Answers only the asker sees, by default',
    type: ApplicationCommandOptionType.Boolean,
  },
  { name: 'feedback', description: '👍/👎 buttons on answers', type: ApplicationCommandOptionType.Boolean },
  { name: 'logging', description: 'Log questions for /gaps', type: ApplicationCommandOptionType.Boolean },
] satisfies APIApplicationCommandBasicOption[];

export const settings = serverCommand({
  data: {
    name: 'settings',
    description: 'Show or change how Footnote behaves in this server',
    type: ApplicationCommandType.ChatInput,
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    ...SERVER_ONLY,
    options: [
      { name: 'show', description: "This server's settings", type: ApplicationCommandOptionType.Subcommand },
      {
        name: 'set',
        description: "Change this server's settings",
        type: ApplicationCommandOptionType.Subcommand,
        options: setOptions,
      },
      {
        name: 'channel',
        description: 'Answer mentions in one channel, or not, whatever the server-wide choice',
        type: ApplicationCommandOptionType.Subcommand,
        options: [
          {
            name: 'channel',
            description: 'The channel',
            type: ApplicationCommandOptionType.Channel,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum],
            required: true,
          },
          {
            name: 'mentions',
            description: 'Answer mentions there',
            type: ApplicationCommandOptionType.Boolean,
            required: true,
          },
        ],
      },
    ],
  },
  consoleName: 'settings',
  summary: "Show or change a server's settings (Manage Server).",
  usage: USAGE,

  async run(scope, input, context) {
    const { store, guildId } = scope;
    const action = input.subcommand ?? 'show';
    if (action === 'set') {
      const patch = patchFromInput(input);
      if (Object.keys(patch).length === 0) return notice(STORE_MESSAGES.settingsNothing, 'warning');
      return savedNotice(await withinWait(store.updateServerSettings(guildId, patch)));
    }
    if (action === 'channel') {
      const channel = stringOption(input, 'channel');
      const mentions = booleanOption(input, 'mentions');
      if (channel === undefined || mentions === undefined) return notice(USAGE, 'warning');
      const outcome = await withinWait(store.setChannelMentions(guildId, channel, mentions));
      return outcome === 'written'
        ? notice(STORE_MESSAGES.channelSaved(`<#${channel}>`, mentions), 'info')
        : savedNotice(outcome);
    }
    return showSettings(guildId, context);
  },
});

function notice(text: string, tone: NoticeReply['tone']): NoticeReply {
  return { kind: 'notice', tone, text };
}

export function patchFromInput(input: CommandInput): SettingsPatch {
  const replyMode = stringOption(input, 'reply-mode');
  const entries: [keyof ServerSettings, unknown][] = [
    ['mentions', booleanOption(input, 'mentions')],
    ['replyMode', replyMode === 'inline' || replyMode === 'thread' ? replyMode : undefined],
    ['cooldownSeconds', integerOption(input, 'cooldown', 0, MAX_COOLDOWN_SECONDS)],
    ['channelCooldownSeconds', integerOption(input, 'channel-cooldown', 0, MAX_COOLDOWN_SECONDS)],
    ['privateDefault', booleanOption(input, 'private')],
    ['feedback', booleanOption(input, 'feedback')],
    ['logging', booleanOption(input, 'logging')],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as SettingsPatch;
}

async function withinWait(write: Promise<WriteOutcome>): Promise<WriteOutcome | 'waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(() => resolve('waiting'), WRITE_WAIT_MS);
  });
  const outcome = await Promise.race([write, waited]);
  clearTimeout(timer);
  return outcome;
}

function savedNotice(outcome: WriteOutcome | 'waiting'): NoticeReply {
  if (outcome === 'written') return notice(STORE_MESSAGES.settingsSaved, 'info');
  if (outcome === 'waiting') return notice(STORE_MESSAGES.settingsQueued, 'info');
  return notice(STORE_MESSAGES.storeUnavailable, 'warning');
}

async function showSettings(guildId: string, context: CommandContext): Promise<NoticeReply> {
  const read = await context.store!.getGuildSettings(guildId);
  if (!read.ok || context.settingsDefaults === undefined) return notice(STORE_MESSAGES.storeUnavailable, 'warning');
  const own = read.value.server;
  const effective = effectiveSettings(context.settingsDefaults, read.value);
  const show = (value: boolean | number | string): string =>
    typeof value === 'boolean' ? STORE_MESSAGES.onOff(value) : String(value);
  const fields = (Object.keys(STORE_MESSAGES.settingNames) as (keyof typeof STORE_MESSAGES.settingNames)[]).map(
    (key) => ({
      name: STORE_MESSAGES.settingNames[key],
      value: `${show(effective[key])} (${STORE_MESSAGES.settingSource(own[key] !== undefined)})`,
    }),
  );
  const channels = Object.entries(read.value.channelMentions);
  return {
    kind: 'notice',
    tone: 'info',
    title: STORE_MESSAGES.settingsTitle,
    text:
      channels.length === 0
        ? ''
        : STORE_MESSAGES.channelOverrides(
            channels.map(([id, on]) => `<#${id}> ${STORE_MESSAGES.onOff(on)}`).join(', '),
          ),
    fields,
  };
}
