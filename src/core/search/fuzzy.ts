/**
 * Spelling-tolerant lookup of a word in the vocabulary, in time that does not grow with the vocabulary:
 * every word is indexed under the strings made by deleting one of its characters (symmetric delete, as SymSpell
 * does), and a query word looks up its own deletes. Candidates are then checked with a real edit distance.
 */

/** How many edits a word of this length may carry and still be the word meant. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    let best = row[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      row[j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1]!;
}

export class FuzzyVocabulary {
  private readonly byDelete = new Map<string, number[]>();
  private readonly exact = new Map<string, number>();

  constructor(private readonly words: readonly string[]) {
    words.forEach((word, id) => {
      this.exact.set(word, id);
      if (allowedEdits(word.length + 1) === 0) return;
      for (const key of new Set(deletes(word))) this.add(key, id);
    });
  }

  private add(key: string, id: number): void {
    const list = this.byDelete.get(key);
    if (list) list.push(id);
    else this.byDelete.set(key, [id]);
  }

  /** Words within the allowed edit distance of `word`, nearest first; the word itself is not included. */
  lookup(word: string, maxEdits = allowedEdits(word.length)): { id: number; distance: number }[] {
    if (maxEdits === 0) return [];
    const candidates = new Set<number>();
    const probe = (key: string): void => {
      const id = this.exact.get(key);
      if (id !== undefined) candidates.add(id);
      for (const other of this.byDelete.get(key) ?? []) candidates.add(other);
    };
    // The query's deletes meet the indexed words and their deletes: up to two edits in all.
    const first = deletes(word);
    for (const key of first) probe(key);
    probe(word);
    if (maxEdits >= 2) for (const key of first) for (const second of deletes(key)) { const id = this.exact.get(second); if (id !== undefined) candidates.add(id); }

    const found: { id: number; distance: number }[] = [];
    for (const id of candidates) {
      const candidate = this.words[id]!;
      if (candidate === word) continue;
      const distance = editDistance(word, candidate, maxEdits);
      if (distance <= maxEdits) found.push({ id, distance });
    }
    return found.sort((a, b) => a.distance - b.distance);
  }
}
