/** Errors that mean "the store is away for now" (retry later), as opposed to a refused statement (a bug). */
const TRANSIENT_PG_CODES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransientStoreError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    if (code.startsWith('08') || TRANSIENT_PG_CODES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
  }
  const message = error instanceof Error ? error.message : '';
  // node-postgres reports a dropped socket with these messages and no code.
  if (/Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message))
    return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransientStoreError(cause);
}

/** `postgres://footnote:***@db:5432/footnote`: a URL fit for a log line or an error message. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL at all: show the scheme at most, since a malformed value may still hold a password.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    return scheme !== undefined ? `${scheme}… (malformed)` : 'a malformed value';
  }
}
