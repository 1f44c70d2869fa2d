/**
 * Who a message would ping, from its content and `allowed_mentions`
 * (docs: Message resource → Allowed Mentions Object, and Reference → Message Formatting).
 *
 * Without `allowed_mentions`, an ordinary message pings every user, role and
 * @everyone/@here written in its content, and the author of a replied-to message;
 * an interaction response pings the users only (DISCORD-LIMITS.md, "allowed mentions").
 * With `allowed_mentions`, only the listed kinds / ids ping, and `replied_user`
 * defaults to false.
 *
 * Permission checks (MENTION_EVERYONE, mentionable roles) are deliberately ignored:
 * tests should catch a bot that *asks* to ping, whatever its permissions happen to be.
 */
import { isRecord } from './validation.js';

export interface EffectiveMentions {
  users: string[];
  roles: string[];
  everyone: boolean;
  /** The replied-to author is pinged (replies only). */
  repliedUser: boolean;
}

export interface WrittenMentions {
  users: string[];
  roles: string[];
  everyone: boolean;
}

export type MentionDefaults = 'message' | 'interaction';

const USER_MENTION = /<@!?(\d{15,21})>/g;
const ROLE_MENTION = /<@&(\d{15,21})>/g;
const EVERYONE_MENTION = /@(everyone|here)/;

/** The mentions written in a text, whatever `allowed_mentions` says. */
export function writtenMentions(content: string | undefined): WrittenMentions {
  const text = content ?? '';
  const unique = (pattern: RegExp): string[] => [
    ...new Set([...text.matchAll(pattern)].map((match) => match[1] ?? '')),
  ];
  return { users: unique(USER_MENTION), roles: unique(ROLE_MENTION), everyone: EVERYONE_MENTION.test(text) };
}

export function effectiveMentions(
  content: string | undefined,
  allowedMentions: unknown,
  defaults: MentionDefaults,
  isReply: boolean,
): EffectiveMentions {
  const written = writtenMentions(content);
  if (!isRecord(allowedMentions)) {
    const everything = defaults === 'message';
    return {
      users: written.users,
      roles: everything ? written.roles : [],
      everyone: everything && written.everyone,
      repliedUser: isReply,
    };
  }
  const parse = Array.isArray(allowedMentions.parse) ? allowedMentions.parse : [];
  const listedUsers = Array.isArray(allowedMentions.users) ? allowedMentions.users.map(String) : [];
  const listedRoles = Array.isArray(allowedMentions.roles) ? allowedMentions.roles.map(String) : [];
  return {
    users: parse.includes('users') ? written.users : written.users.filter((id) => listedUsers.includes(id)),
    roles: parse.includes('roles') ? written.roles : written.roles.filter((id) => listedRoles.includes(id)),
    everyone: parse.includes('everyone') && written.everyone,
    repliedUser: isReply && allowedMentions.replied_user === true,
  };
}

/** True when the message pings nobody at all. */
export function pingsNobody(mentions: EffectiveMentions): boolean {
  return mentions.users.length === 0 && mentions.roles.length === 0 && !mentions.everyone && !mentions.repliedUser;
}
