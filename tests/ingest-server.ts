import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'ingest');
export const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

export const HUGE_BYTES = 20_000_000;

/** A site on 127.0.0.1 for the ingest tests: real pages, redirects, a page that never ends, one that is too big. */
export interface TestSite {
  readonly port: number;
  /** `http://<host>:<port><route>`; `host` defaults to 127.0.0.1 and is resolved by the tests' own resolver. */
  url(route: string, host?: string): string;
  /** Routes requested, in order. */
  readonly requests: string[];
  /** Bytes of the large pages written so far (all requests), for telling how much a client read before hanging up. */
  hugeBytesSent(): number;
  close(): Promise<void>;
}

function send(
  response: ServerResponse,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(200, { 'content-type': type, ...headers });
  response.end(body);
}

export async function startTestSite(): Promise<TestSite> {
  const requests: string[] = [];
  let hugeSent = 0;
  const hanging = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((request, response) => {
    const route = request.url ?? '/';
    requests.push(route);
    const redirect = (to: string): void => {
      response.writeHead(302, { location: to });
      response.end();
    };
    const loop = /^\/loop\/(\d+)$/.exec(route);
    const chain = /^\/chain\/(\d+)$/.exec(route);
    if (route === '/news') send(response, 'text/html; charset=utf-8', fixture('news-article.html'));
    else if (route === '/news-gzip')
      send(response, 'text/html; charset=utf-8', gzipSync(fixture('news-article.html')), {
        'content-encoding': 'gzip',
      });
    else if (route === '/blog') send(response, 'text/html', fixture('blog-post.html'));
    else if (route === '/home') send(response, 'text/html; charset=utf-8', fixture('navigation.html'));
    else if (route === '/notes.md') send(response, 'text/markdown; charset=utf-8', fixture('field-notes.md'));
    else if (route === '/paper.pdf')
      send(response, 'application/pdf', readFileSync(path.join(FIXTURES, 'article.pdf')));
    else if (route === '/missing') {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not found</h1>');
    } else if (chain) {
      const step = Number(chain[1]);
      redirect(step <= 1 ? '/news' : `/chain/${step - 1}`);
    } else if (loop) redirect(`/loop/${Number(loop[1]) + 1}`);
    else if (route === '/to-private') redirect(`http://intranet.test:${port}/secret`);
    else if (route === '/to-loopback-ip') redirect(`http://127.0.0.3:${port}/secret`);
    else if (route === '/secret') send(response, 'text/plain', 'internal only');
    else if (route === '/hang') {
      // Headers and the start of a page, then nothing: the client's deadline must end it.
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<!doctype html><html><body><p>The start of a page that never');
      hanging.add(response);
    } else if (route === '/huge' || route === '/huge-declared') {
      const headers: Record<string, string> = { 'content-type': 'text/html' };
      if (route === '/huge-declared') headers['content-length'] = String(HUGE_BYTES);
      response.writeHead(200, headers);
      const chunk = Buffer.alloc(64 * 1024, '<p>filler text for a page far larger than any article</p>\n');
      let sent = 0;
      const pump = (): void => {
        while (sent < HUGE_BYTES && !response.destroyed) {
          sent += chunk.length;
          hugeSent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (route, host = '127.0.0.1') => `http://${host}:${port}${route}`,
    requests,
    hugeBytesSent: () => hugeSent,
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
