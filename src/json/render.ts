import type { Reply, ResultCard } from '../core/reply.js';

/** The `--json` shape for scripts: flat, stable field names, verbatim text. */
function resultJson(card: ResultCard, passageText: (id: string) => string | undefined): Record<string, unknown> {
  const { citation } = card;
  return {
    article: citation.articleSlug,
    title: citation.title,
    author: citation.author ?? null,
    section: citation.section ?? null,
    paragraph: citation.paragraph,
    passageId: citation.passageId,
    text: passageText(citation.passageId) ?? card.excerpt.text,
    excerpt: card.excerpt.text,
    score: card.score,
    confidence: card.confidence,
    url: citation.url ?? null,
  };
}

export function renderJson(reply: Reply, passageText: (id: string) => string | undefined): Record<string, unknown> {
  switch (reply.kind) {
    case 'answer':
      return {
        query: reply.query,
        status: reply.status,
        results: reply.results.map((card) => resultJson(card, passageText)),
        ...(reply.status === 'no-match' || reply.status === 'weak' ? { articles: reply.articles } : {}),
      };
    case 'list':
      return {
        title: reply.title,
        ...(reply.facts?.events ? { events: reply.facts.events } : {}),
        ...(reply.facts?.figures ? { figures: reply.facts.figures } : {}),
        ...(reply.facts === undefined
          ? {
              items: reply.items.map((i) => ({
                label: i.label,
                text: i.text.text,
                ...(i.citation ? { citation: i.citation } : {}),
              })),
            }
          : {}),
        ...(reply.results ? { results: reply.results.map((card) => resultJson(card, passageText)) } : {}),
      };
    case 'notice':
      return {
        notice: reply.text,
        tone: reply.tone,
        ...(reply.title !== undefined ? { title: reply.title } : {}),
        ...(reply.fields ? { fields: reply.fields } : {}),
        ...(reply.link ? { link: reply.link } : {}),
      };
  }
}
