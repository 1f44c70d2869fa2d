/**
 * Synonyms are data: a group of words or phrases that search treats as one (`BRI = Belt and Road Initiative`).
 * A group is written either as a YAML list or as one string with `=` between the members.
 */
export type AliasGroup = readonly string[];

export function parseAliasGroup(entry: unknown): AliasGroup | string {
  const members = Array.isArray(entry)
    ? entry.map((m) => (typeof m === 'string' || typeof m === 'number' ? String(m) : ''))
    : typeof entry === 'string'
      ? entry.split('=')
      : undefined;
  if (!members) return 'an alias group must be a list of words or a string like "BRI = Belt and Road Initiative"';
  const cleaned = members.map((m) => m.trim()).filter((m) => m.length > 0);
  if (cleaned.length < 2) return `an alias group needs at least two members: ${JSON.stringify(entry)}`;
  return cleaned;
}
