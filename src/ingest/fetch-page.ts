import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';
import type { AddressPolicy } from './address-policy.js';
import type { IngestFailure } from './outcomes.js';

/** The limits of a fetch (issue 13): the whole fetch, every hop and the body, within the timeout. */
export const FETCH_LIMITS = Object.freeze({ timeoutMs: 15_000, maxBytes: 5_000_000, maxRedirects: 5 });

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const resolveWithDns: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((r) => ({
    address: r.address,
    family: r.family === 6 ? 6 : 4,
  }));

export interface FetchOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Judges every address a hop would connect to, after resolution. */
  readonly policy: AddressPolicy;
  readonly resolve: Resolver;
}

export type PageType = 'html' | 'markdown' | 'text';

export interface FetchedPage {
  readonly kind: 'page';
  /** The link as given. */
  readonly requestedUrl: string;
  /** Where the last redirect led. */
  readonly url: string;
  readonly type: PageType;
  readonly text: string;
}

const USER_AGENT = 'Footnote/0.1 (article reader for a Discord bot)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** `text/html; charset=utf-8` → the kind of document Footnote reads, or undefined. */
export function pageTypeOf(contentType: string): PageType | undefined {
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === 'text/markdown' || mime === 'text/x-markdown') return 'markdown';
  if (mime === 'text/plain') return 'text';
  return undefined;
}

/** The charset the header names, else (HTML) the one a `<meta>` in the first bytes names, else UTF-8. */
export function decodeBody(bytes: Buffer, contentType: string, type: PageType): string {
  let label = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  if (label === undefined && type === 'html') {
    label = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(bytes.subarray(0, 2_048).toString('latin1'))?.[1];
  }
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

class Stop {
  constructor(readonly failure: IngestFailure) {}
}

/** A lookup that answers with the address already checked, so the connection cannot be re-resolved elsewhere. */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
}

/** The promise, or a rejection as soon as the fetch's deadline passes (a resolver may hang as well as a server). */
function beforeDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = (): void => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

async function checkedAddress(url: URL, options: FetchOptions, signal: AbortSignal): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly ResolvedAddress[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  else {
    try {
      addresses = await beforeDeadline(options.resolve(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      addresses = [];
    }
  }
  const first = addresses[0];
  if (first === undefined) throw new Stop({ kind: 'unresolvable', host });
  // Every answer must be public: a name that resolves to one public and one private address is refused.
  for (const { address } of addresses) {
    const verdict = options.policy(address);
    if (verdict !== 'public') throw new Stop({ kind: 'refused-address', host, address, class: verdict });
  }
  return first;
}

function request(url: URL, target: ResolvedAddress, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      // A fresh socket per hop: a pooled one could be connected to an address this hop did not check.
      agent: false,
      lookup: pinnedLookup(target),
      signal,
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html, application/xhtml+xml, text/markdown, text/plain;q=0.9',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

function decompressed(response: IncomingMessage): Readable {
  switch ((response.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(zlib.createGunzip());
    case 'deflate':
      return response.pipe(zlib.createInflate());
    case 'br':
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return response;
  }
}

/** Reads the body, stopping as soon as it passes `maxBytes` (counted after decompression). */
function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = decompressed(response);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (reason: unknown): void => {
      if (settled) return;
      settled = true;
      reject(reason);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Settled before the sockets close, so their own errors do not stand for the reason.
        fail(new Stop({ kind: 'too-large', limitBytes: maxBytes }));
        response.destroy();
        stream.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.once('end', () => {
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    stream.once('error', fail);
    response.once('error', fail);
    response.once('aborted', () => fail(new Error('the connection closed before the page was complete')));
  });
}

function isAbort(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'AbortError' || (error as NodeJS.ErrnoException).code === 'ABORT_ERR')
  );
}

/**
 * Fetches a page to read as an article. Only http(s); every hop's host is resolved, each address judged by the
 * policy, and the connection made to the address that was judged (DNS rebinding cannot swap it); redirects are
 * followed by hand so each is checked again. The body is read up to `maxBytes`, and the whole fetch ends at
 * `timeoutMs`. Every expected way of failing is a value.
 */
export async function fetchPage(link: string, options: FetchOptions): Promise<FetchedPage | IngestFailure> {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { kind: 'bad-link', input: link };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let host = url.hostname;
  try {
    for (let hop = 0; ; hop += 1) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { kind: 'bad-scheme', scheme: url.protocol.replace(/:$/, '') };
      }
      host = url.hostname;
      const target = await checkedAddress(url, options, controller.signal);
      const response = await request(url, target, controller.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location !== undefined) {
        response.destroy();
        if (hop + 1 > options.maxRedirects) return { kind: 'too-many-redirects', limit: options.maxRedirects };
        try {
          url = new URL(location, url);
        } catch {
          return { kind: 'bad-link', input: location };
        }
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        return { kind: 'http-status', status };
      }
      const contentType = response.headers['content-type'] ?? '';
      const type = pageTypeOf(contentType);
      if (type === undefined) {
        response.destroy();
        return { kind: 'unsupported-type', contentType: contentType.split(';')[0]?.trim() || 'unknown' };
      }
      const declared = Number(response.headers['content-length']);
      if (
        Number.isFinite(declared) &&
        declared > options.maxBytes &&
        response.headers['content-encoding'] === undefined
      ) {
        response.destroy();
        return { kind: 'too-large', limitBytes: options.maxBytes };
      }
      const body = await readBody(response, options.maxBytes);
      return { kind: 'page', requestedUrl: link, url: url.href, type, text: decodeBody(body, contentType, type) };
    }
  } catch (error) {
    if (error instanceof Stop) return error.failure;
    if (controller.signal.aborted || isAbort(error)) return { kind: 'timeout', seconds: options.timeoutMs / 1_000 };
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'unreachable', host, reason: code ?? (error instanceof Error ? error.message : String(error)) };
  } finally {
    clearTimeout(timer);
  }
}
