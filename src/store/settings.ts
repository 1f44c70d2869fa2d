import type { GuildSettings, ReplyMode } from './store.js';

/** What the bot applies in one channel: the server's choice where it made one, the environment's otherwise. */
export interface EffectiveSettings {
  readonly mentions: boolean;
  readonly replyMode: ReplyMode;
  readonly cooldownSeconds: number;
  readonly channelCooldownSeconds: number;
  readonly privateDefault: boolean;
  readonly feedback: boolean;
  readonly logging: boolean;
}

export type SettingsDefaults = EffectiveSettings;

/** A channel's own mention choice wins over the server's, which wins over the environment's. */
export function effectiveSettings(
  defaults: SettingsDefaults,
  guild: GuildSettings | undefined,
  channelId?: string,
): EffectiveSettings {
  const server = guild?.server ?? {};
  const channel = channelId !== undefined ? guild?.channelMentions[channelId] : undefined;
  return {
    mentions: channel ?? server.mentions ?? defaults.mentions,
    replyMode: server.replyMode ?? defaults.replyMode,
    cooldownSeconds: server.cooldownSeconds ?? defaults.cooldownSeconds,
    channelCooldownSeconds: server.channelCooldownSeconds ?? defaults.channelCooldownSeconds,
    privateDefault: server.privateDefault ?? defaults.privateDefault,
    feedback: server.feedback ?? defaults.feedback,
    logging: server.logging ?? defaults.logging,
  };
}
