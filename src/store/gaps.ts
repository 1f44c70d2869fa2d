import { normalizeText } from '../core/normalize.js';
import type { DownvoteReason, GapsReport, LoggedPassage, QuestionOutcome } from './store.js';

/** Two questions are the same gap when they read the same after folding case, quotes, accents and spacing. */
export function normalizeQuestion(question: string): string {
  return normalizeText(question)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface LoggedQuestionRow {
  readonly question: string;
  readonly normalized: string;
  readonly outcome: string;
  readonly passages: string;
  readonly created_at: number;
}

export interface VoteRow {
  readonly passage_id: string | null;
  readonly value: number;
  readonly reason_kind: string | null;
  readonly reason_text: string | null;
}

/** `slug#12` → `{ article: 'slug', paragraph: 12 }`. */
export function splitPassageId(passageId: string): { article: string; paragraph: number } {
  const at = passageId.lastIndexOf('#');
  if (at < 0) return { article: passageId, paragraph: 0 };
  return { article: passageId.slice(0, at), paragraph: Number(passageId.slice(at + 1)) || 0 };
}

const REASON_LABELS: Record<DownvoteReason, string> = {
  'wrong-passage': 'wrong passage',
  'not-in-library': 'not in the library',
  other: 'other',
};

/**
 * Groups the weak and unmatched questions (most asked first, then most recent) and the voted passages (most 👎
 * first). `rows` are the window's questions of every outcome, newest first.
 */
export function buildGapsReport(
  server: string | null,
  days: number,
  questions: readonly LoggedQuestionRow[],
  votes: readonly VoteRow[],
): GapsReport {
  const groups = new Map<string, { row: LoggedQuestionRow; count: number }>();
  for (const row of questions) {
    if (row.outcome === 'answer') continue;
    const group = groups.get(row.normalized);
    if (group === undefined) groups.set(row.normalized, { row, count: 1 });
    else group.count++;
  }
  const gaps = [...groups.values()]
    .sort((a, b) => b.count - a.count || b.row.created_at - a.row.created_at)
    .map(({ row, count }) => {
      const best = parsePassages(row.passages)[0];
      return {
        question: row.question,
        count,
        outcome: row.outcome as QuestionOutcome,
        nearest: best ? { passageId: best.passageId, article: best.article, paragraph: best.paragraph } : null,
      };
    });

  const byPassage = new Map<string, { down: number; up: number; reasons: string[] }>();
  let up = 0;
  let down = 0;
  for (const vote of votes) {
    if (vote.value > 0) up++;
    else down++;
    if (vote.passage_id === null) continue;
    const entry = byPassage.get(vote.passage_id) ?? { down: 0, up: 0, reasons: [] };
    byPassage.set(vote.passage_id, entry);
    if (vote.value > 0) {
      entry.up++;
      continue;
    }
    entry.down++;
    const label = REASON_LABELS[vote.reason_kind as DownvoteReason] as string | undefined;
    const text = vote.reason_text?.trim() ?? '';
    if (label !== undefined || text !== '') entry.reasons.push([label, text].filter(Boolean).join(': '));
  }
  const downvoted = [...byPassage.entries()]
    .filter(([, e]) => e.down > 0)
    .sort(([a, x], [b, y]) => y.down - x.down || x.up - y.up || a.localeCompare(b))
    .map(([passageId, e]) => ({ passageId, ...splitPassageId(passageId), down: e.down, up: e.up, reasons: e.reasons }));

  return { server, days, gaps, downvoted, votes: { up, down }, questions: questions.length };
}

function parsePassages(json: string): LoggedPassage[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as LoggedPassage[]) : [];
  } catch {
    return [];
  }
}
