import type { CommandContext } from '../../commands/command.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openStore, type SettingsDefaults, type Store } from '../store/index.js';

/** The environment's values, which each server's /settings overrides. */
export function settingsDefaultsOf(config: Config): SettingsDefaults {
  return {
    mentions: config.mentionReplies,
    replyMode: config.mentionReplyMode,
    cooldownSeconds: config.cooldownSeconds,
    channelCooldownSeconds: config.channelCooldownSeconds,
    privateDefault: config.store.privateAnswers,
    feedback: config.store.feedback,
    logging: config.store.questionLog,
  };
}

/** What the commands get of the store. */
export function storeContext(
  config: Config,
  store: Store | undefined,
): Pick<CommandContext, 'store' | 'settingsDefaults' | 'retentionDays'> {
  return {
    ...(store !== undefined ? { store } : {}),
    settingsDefaults: settingsDefaultsOf(config),
    retentionDays: config.store.retentionDays,
  };
}

/** Opens the store the config names; throws StoreOpenError (naming DATABASE_URL, password masked) when it cannot. */
export function openConfiguredStore(config: Config, logger: Logger): Promise<Store> {
  return openStore({
    location: config.store.location,
    logger,
    retentionDays: config.store.retentionDays,
    ...(config.store.userHashSecret !== undefined ? { userHashSecret: config.store.userHashSecret } : {}),
  });
}
