/**
 * Synonyms are data: a group of words or phrases that search treats as one (`BRI = Belt and Road Initiative`).
 * A group is written either as a YAML list or as one string with `=` between the members.
 */
export type AliasGroup = readonly string[];

/** Why an alias entry was not read; worded in src/messages.ts. */
export type AliasIssue =
  | { readonly code: 'alias-not-a-list' }
  | { readonly code: 'alias-too-few'; readonly entry: string };

export function parseAliasGroup(entry: unknown): AliasGroup | AliasIssue {
  const members = Array.isArray(entry)
    ? entry.map((m) => (typeof m === 'string' || typeof m === 'number' ? String(m) : ''))
    : typeof entry === 'string'
      ? entry.split('=')
      : undefined;
  if (!members) return { code: 'alias-not-a-list' };
  const cleaned = members.map((m) => m.trim()).filter((m) => m.length > 0);
  if (cleaned.length < 2) return { code: 'alias-too-few', entry: JSON.stringify(entry) };
  return cleaned;
}
