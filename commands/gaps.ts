import { SERVER_ONLY } from './reach.js';
import { ApplicationCommandOptionType, ApplicationCommandType, PermissionFlagsBits } from 'discord-api-types/v10';
import { plainText, type ListItem, type ListReply } from '../src/core/reply.js';
import { STORE_MESSAGES } from '../src/messages.js';
import type { GapsReport } from '../src/store/index.js';
import { integerOption, serverCommand } from './server-scope.js';

const USAGE = '/gaps server:<id> [days:7|30]';
export const GAPS_DAYS = [7, 30] as const;
/** Rows shown in Discord; `npm run report` prints all of them. */
const SHOWN = 10;

export const gaps = serverCommand({
  data: {
    name: 'gaps',
    description: 'What members asked that the library did not answer well',
    type: ApplicationCommandType.ChatInput,
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    ...SERVER_ONLY,
    options: [
      {
        name: 'days',
        description: 'The last 7 or 30 days (default 7)',
        type: ApplicationCommandOptionType.Integer,
        choices: GAPS_DAYS.map((d) => ({ name: `${d} days`, value: d })),
      },
    ],
  },
  consoleName: 'gaps',
  summary: "A server's unanswered questions and most 👎 passages (Manage Server).",
  usage: USAGE,

  async run(scope, input) {
    const days = integerOption(input, 'days', 1, 30) === 30 ? 30 : 7;
    const report = await scope.store.gapsReport(scope.guildId, days);
    if (!report.ok) return { kind: 'notice', tone: 'warning', text: STORE_MESSAGES.storeUnavailable };
    return renderGaps(report.value, SHOWN);
  },
});

/** The report as a list: the gaps, most asked first, then the most 👎 passages with their reasons. */
export function renderGaps(report: GapsReport, shown: number): ListReply {
  const items: ListItem[] = [
    ...report.gaps.slice(0, shown).map((gap) => ({
      label: STORE_MESSAGES.gapsAsked(gap.count),
      text: plainText(
        `${gap.question} — ${gap.nearest ? STORE_MESSAGES.gapsNearest(gap.nearest.article, gap.nearest.paragraph) : STORE_MESSAGES.gapsNoNearest}`,
      ),
    })),
    ...report.downvoted.slice(0, shown).map((passage) => ({
      label: STORE_MESSAGES.gapsDownvoted(passage.down, passage.up),
      text: plainText(`${passage.passageId} — ${STORE_MESSAGES.gapsReasons(passage.reasons)}`),
    })),
  ];
  return {
    kind: 'list',
    title: STORE_MESSAGES.gapsTitle(report.days),
    intro: STORE_MESSAGES.gapsIntro(report.questions, report.votes.up, report.votes.down),
    emptyText: STORE_MESSAGES.gapsEmpty,
    items,
  };
}
