import { ANYWHERE } from './reach.js';
import { ApplicationCommandType } from 'discord-api-types/v10';
import type { Figure } from '../src/core/facts/index.js';
import { stemWord } from '../src/core/normalize.js';
import { answerQuestion, factLine, figureFact, type ListReply, type NoticeReply } from '../src/core/reply.js';
import { MESSAGES } from '../src/messages.js';
import type { Command } from './command.js';
import { ARTICLE_OPTION, articleChoices, isNotice, resolveArticleOption } from './shared.js';

/** Stems of the words that make a figure a matter of investment: money put in, lent, owed or sold off. */
const INVESTMENT_STEMS = new Set(
  [
    'invest',
    'investment',
    'investor',
    'credit',
    'creditor',
    'loan',
    'lend',
    'lender',
    'debt',
    'privatization',
    'privatisation',
    'privatize',
    'fund',
    'funding',
    'finance',
    'financing',
    'capital',
    'stake',
    'acquisition',
    'enterprise',
    'aid',
    'grant',
  ].map(stemWord),
);
/** The question whose best passages follow the figures. */
const INVESTMENT_QUERY = 'investment invested investments credit loans privatization';

function isAboutInvestment(figure: Figure): boolean {
  return (
    figure.topic.some((word) => INVESTMENT_STEMS.has(stemWord(word))) || /invest|credit|loan|privati/i.test(figure.text)
  );
}

export const investment = {
  data: {
    name: 'investment',
    description: 'Figures on investment, credit, loans and privatisation, then the best passages',
    type: ApplicationCommandType.ChatInput,
    ...ANYWHERE,
    options: [ARTICLE_OPTION],
  },
  consoleName: 'investment',
  summary: 'Figures on investment, credit, loans and privatisation, each with what it measures and its citation.',
  usage: '/investment [article:<slug>]',

  async execute(input, { kb }): Promise<ListReply | NoticeReply> {
    const article = resolveArticleOption(kb, input);
    if (isNotice(article)) return article;
    const figures = (await kb.facts()).figures.filter(
      (f) => isAboutInvestment(f) && (!article || f.articleSlug === article.slug),
    );
    const passages = answerQuestion(kb, INVESTMENT_QUERY, { ...(article ? { article: article.slug } : {}), limit: 3 });
    return {
      kind: 'list',
      title: MESSAGES.investmentTitle,
      items: figures.map((f) =>
        factLine(kb, {
          label: f.year !== undefined ? `${f.display} (${f.year})` : f.display,
          passageId: f.passageId,
          text: f.text,
          highlight: { start: f.displayStart - f.start, end: f.displayStart - f.start + f.display.length },
        }),
      ),
      emptyText: MESSAGES.investmentEmpty,
      results: passages.status === 'answer' || passages.status === 'weak' ? passages.results : [],
      facts: { figures: figures.map(figureFact) },
    };
  },

  autocomplete(focused, _input, { kb }) {
    return focused.name === 'article' ? articleChoices(kb, focused.value) : [];
  },
} as const satisfies Command;
