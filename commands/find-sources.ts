import { ANYWHERE } from './reach.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { checkClaims, claimsOf, MIN_CLAIMS_TO_SPLIT } from '../src/core/claims.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { answerQuestion, type ListReply, plainText } from '../src/core/reply.js';
import { MESSAGES } from '../src/messages.js';
import type { Command } from './command.js';

/** Claims shown at once in Discord; the page buttons show the rest. */
const CLAIMS_PER_PAGE = 5;

/** A message of several claims: each with the passage that supports it, or the plain fact that none does. */
function claimByClaim(kb: KnowledgeBase, claims: readonly string[], label: string): ListReply {
  const checked = checkClaims(kb, claims);
  return {
    kind: 'list',
    title: MESSAGES.claimsTitle,
    intro: MESSAGES.claimsIntro(label, checked.filter((c) => c.source).length, checked.length),
    items: checked.map(({ claim, source }) =>
      source
        ? { label: claim, text: source.excerpt, citation: source.citation }
        : { label: claim, text: plainText(MESSAGES.claimNoSource) },
    ),
    emptyText: MESSAGES.findSourcesEmpty,
    pageSize: CLAIMS_PER_PAGE,
  };
}

/** The message context-menu command: cited excerpts for the text of someone's message. */
export const findSources = {
  data: { name: 'Find sources', type: ApplicationCommandType.Message, ...ANYWHERE },
  consoleName: 'find-sources',
  summary: 'Find cited excerpts for a message’s text (in Discord: right-click a message › Apps › Find sources).',
  usage: '/find-sources <text of a message>',
  restOption: 'text',

  execute(input, { kb }) {
    const content = input.target?.content ?? String(input.options.text ?? '');
    if (content.trim() === '') return { kind: 'notice', tone: 'warning', text: MESSAGES.findSourcesEmpty };
    const claims = claimsOf(content);
    if (claims.length >= MIN_CLAIMS_TO_SPLIT)
      return claimByClaim(kb, claims, input.target?.label ?? MESSAGES.findSourcesAbout);
    const answer = answerQuestion(kb, content);
    if (!input.target) return answer;
    return {
      ...answer,
      about: { label: input.target.label, ...(input.target.url !== undefined ? { url: input.target.url } : {}) },
    };
  },
} as const satisfies Command;
