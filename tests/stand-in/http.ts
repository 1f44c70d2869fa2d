/**
 * HTTP plumbing for the REST half: body parsing (JSON and multipart/form-data with
 * `payload_json`, as @discordjs/rest sends when files are attached), route matching,
 * rate-limit buckets with Discord's headers, and fault rules.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { UploadedFile } from './state.js';

export interface ParsedBody {
  body: unknown;
  files: UploadedFile[];
  multipart: boolean;
}

/**
 * Parses a request body. Multipart is parsed by undici's FormData implementation (the
 * global `Response` of Node 20), the same library @discordjs/rest uses to build it.
 */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined, files: [], multipart: false };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType ?? '' } }).formData();
    const files: UploadedFile[] = [];
    let body: Record<string, unknown> = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = { ...body, ...(JSON.parse(value) as Record<string, unknown>) };
        else body[field] = value;
      } else {
        files.push({
          field,
          filename: value.name,
          contentType: value.type || 'application/octet-stream',
          size: value.size,
        });
      }
    }
    return { body, files, multipart: true };
  }
  const text = raw.toString('utf8');
  if (type.startsWith('application/json') || type === '')
    return { body: JSON.parse(text) as unknown, files: [], multipart: false };
  return { body: text, files: [], multipart: false };
}

export interface RouteRequest {
  method: string;
  /** The path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  files: UploadedFile[];
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: RouteRequest) => RouteResponse | Promise<RouteResponse>;

export interface RouteDefinition {
  method: string;
  /** Template with `:params`, e.g. `/channels/:channel_id/messages`. */
  template: string;
  /** `bot`: requires `Authorization: Bot <token>`; `none`: webhook-token and public routes. */
  auth: 'bot' | 'none';
  /** Counts towards the 50 requests/s global limit (interaction endpoints do not). */
  global: boolean;
  handler: RouteHandler;
}

interface CompiledRoute extends RouteDefinition {
  pattern: RegExp;
  paramNames: string[];
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(route: RouteDefinition): void {
    const paramNames: string[] = [];
    const source = route.template
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          paramNames.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ ...route, pattern: new RegExp(`^${source}/?$`), paramNames });
  }

  /** The matching route, or whether the path exists with another method (→ 405). */
  match(
    method: string,
    path: string,
  ): { route: CompiledRoute; params: Record<string, string> } | { route: null; pathExists: boolean } {
    let pathExists = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      pathExists = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, index) => {
        params[name] = decodeURIComponent(match[index + 1] ?? '');
      });
      return { route, params };
    }
    return { route: null, pathExists };
  }
}

// ---------------------------------------------------------------------------------------
// Rate limits (docs: Topics → Rate Limits)
// ---------------------------------------------------------------------------------------

export interface RateLimitRule {
  method?: string;
  /** Matched against the route template (e.g. `/channels/:channel_id/messages`). */
  route: RegExp;
  limit: number;
  windowMs: number;
}

interface Window {
  count: number;
  resetAt: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  resetAt: number;
  bucket: string;
  exceeded: boolean;
}

/**
 * Per-route buckets: one window per (bucket, top-level resource), where the top-level
 * resource is the channel, guild, or webhook id + token in the path — "per-route rate
 * limits often account for top-level resources within the path".
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private globalWindow: Window = { count: 0, resetAt: 0 };

  constructor(
    private readonly defaults: { limit: number; windowMs: number },
    private readonly rules: RateLimitRule[],
    private readonly globalPerSecond: number | null,
  ) {}

  static bucketHash(method: string, template: string): string {
    return createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16);
  }

  /** Takes one request from the bucket; `exceeded` when it was already empty. */
  take(method: string, template: string, params: Record<string, string>, now: number): RateLimitState {
    const rule =
      this.rules.find((candidate) => (candidate.method ?? method) === method && candidate.route.test(template)) ??
      this.defaults;
    const major =
      params.channel_id ??
      params.guild_id ??
      (params.webhook_id ? `${params.webhook_id}/${params.token ?? ''}` : (params.interaction_id ?? ''));
    const key = `${method} ${template} ${major}`;
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, window);
    }
    const exceeded = window.count >= rule.limit;
    if (!exceeded) window.count += 1;
    return {
      limit: rule.limit,
      remaining: Math.max(0, rule.limit - window.count),
      resetAt: window.resetAt,
      bucket: RateLimiter.bucketHash(method, template),
      exceeded,
    };
  }

  /** "All bots can make up to 50 requests per second to our API." Returns ms to wait, or 0. */
  takeGlobal(now: number): number {
    if (this.globalPerSecond === null) return 0;
    if (this.globalWindow.resetAt <= now) this.globalWindow = { count: 0, resetAt: now + 1000 };
    if (this.globalWindow.count >= this.globalPerSecond) return this.globalWindow.resetAt - now;
    this.globalWindow.count += 1;
    return 0;
  }
}

/** Discord's rate-limit headers for a bucket state. */
export function rateLimitHeaders(state: RateLimitState, now: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(state.limit),
    'x-ratelimit-remaining': String(state.remaining),
    'x-ratelimit-reset': (state.resetAt / 1000).toFixed(3),
    'x-ratelimit-reset-after': (Math.max(0, state.resetAt - now) / 1000).toFixed(3),
    'x-ratelimit-bucket': state.bucket,
  };
}

// ---------------------------------------------------------------------------------------
// Fault rules
// ---------------------------------------------------------------------------------------

export interface FailureSpec {
  method?: string;
  /** Matched against the path after `/api/v10` (no query string), e.g. `/channels/1/messages`. */
  pathPattern: RegExp;
  /** 429, 5xx, or any other status (with `body`, e.g. 403 `{ code: 50013, ... }`). */
  status: number;
  /** Seconds, for 429 (`Retry-After` header and `retry_after` body field). Default 1. */
  retryAfter?: number;
  /** A 429 of the global limit (`X-RateLimit-Global`, scope `global`). */
  global?: boolean;
  /** The 429 scope header; default `user` (or `global`). */
  scope?: 'user' | 'global' | 'shared';
  /** How many matching requests fail; default 1. */
  times?: number;
  /** JSON body to answer instead of the default for the status. */
  body?: unknown;
  /**
   * `before` (default): the request fails without reaching the route (nothing happens).
   * `after`: the route runs (the message is posted, the interaction acknowledged) and
   * then the failure is answered — the lost-response case that makes retries duplicate.
   */
  when?: 'before' | 'after';
}

export interface DelaySpec {
  method?: string;
  pathPattern: RegExp;
  ms: number;
  times?: number;
  /** `before` (default): the request waits before it is handled; `after`: its answer waits. */
  when?: 'before' | 'after';
}

interface Rule<T> {
  spec: T;
  remaining: number;
}

export class FaultRules {
  private readonly failures: Rule<FailureSpec>[] = [];
  private readonly delays: Rule<DelaySpec>[] = [];

  addFailure(spec: FailureSpec): void {
    this.failures.push({ spec, remaining: spec.times ?? 1 });
  }

  addDelay(spec: DelaySpec): void {
    this.delays.push({ spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.failures.length = 0;
    this.delays.length = 0;
  }

  takeFailure(method: string, path: string): FailureSpec | null {
    return FaultRules.take(this.failures, method, path);
  }

  takeDelay(method: string, path: string): DelaySpec | null {
    return FaultRules.take(this.delays, method, path);
  }

  private static take<T extends { method?: string; pathPattern: RegExp }>(
    rules: Rule<T>[],
    method: string,
    path: string,
  ): T | null {
    const index = rules.findIndex(
      (rule) =>
        (rule.spec.method === undefined || rule.spec.method.toUpperCase() === method) &&
        rule.spec.pathPattern.test(path),
    );
    const rule = rules[index];
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(index, 1);
    return rule.spec;
  }
}

/** The response for an injected failure, shaped like Discord's (docs: Rate Limits → Exceeding A Rate Limit). */
export function failureResponse(spec: FailureSpec, state: RateLimitState, now: number): RouteResponse {
  if (spec.status === 429) {
    const retryAfter = spec.retryAfter ?? 1;
    const scope = spec.scope ?? (spec.global ? 'global' : 'user');
    const headers: Record<string, string> = {
      ...rateLimitHeaders({ ...state, remaining: 0, resetAt: now + retryAfter * 1000 }, now),
      'retry-after': String(retryAfter),
      'x-ratelimit-scope': scope,
    };
    // Only sent on a global limit: @discordjs/rest treats the header's *presence* as "global".
    if (spec.global) headers['x-ratelimit-global'] = 'true';
    return {
      status: 429,
      headers,
      body: spec.body ?? {
        message: scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.',
        retry_after: retryAfter,
        global: spec.global === true,
      },
    };
  }
  const reasons: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return {
    status: spec.status,
    headers: rateLimitHeaders(state, now),
    body: spec.body ?? { message: `${spec.status}: ${reasons[spec.status] ?? 'Error'}`, code: 0 },
  };
}
