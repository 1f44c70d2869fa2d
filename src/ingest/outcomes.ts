import type { ProblemIssue } from '../core/knowledge/load.js';
import { describeIssue, MESSAGES } from '../messages.js';
import type { AddressClass } from './address-policy.js';

/**
 * Every way adding an article can end short of writing it. They are expected (a person pasted a link), so they are
 * values with a sentence for that person (`describeIngestFailure`), never exceptions.
 */
export type IngestFailure =
  | { readonly kind: 'bad-link'; readonly input: string }
  | { readonly kind: 'bad-scheme'; readonly scheme: string }
  | {
      readonly kind: 'refused-address';
      readonly host: string;
      readonly address: string;
      readonly class: Exclude<AddressClass, 'public'>;
    }
  | { readonly kind: 'unresolvable'; readonly host: string }
  | { readonly kind: 'unreachable'; readonly host: string; readonly reason: string }
  | { readonly kind: 'too-many-redirects'; readonly limit: number }
  | { readonly kind: 'timeout'; readonly seconds: number }
  | { readonly kind: 'too-large'; readonly limitBytes: number }
  | { readonly kind: 'http-status'; readonly status: number }
  | { readonly kind: 'unsupported-type'; readonly contentType: string }
  | { readonly kind: 'not-an-article' }
  | { readonly kind: 'no-file'; readonly path: string }
  | { readonly kind: 'unsupported-file'; readonly path: string }
  | { readonly kind: 'unreadable-file'; readonly path: string; readonly reason: string }
  | { readonly kind: 'invalid-article'; readonly reasons: readonly ProblemIssue[] }
  | { readonly kind: 'bad-server'; readonly server: string };

export type IngestFailureKind = IngestFailure['kind'];

/** The sentence for the person who asked: what happened, and what they can do about it. */
export function describeIngestFailure(failure: IngestFailure): string {
  const say = MESSAGES.ingest;
  switch (failure.kind) {
    case 'bad-link':
      return say.badLink(failure.input);
    case 'bad-scheme':
      return say.badScheme(failure.scheme);
    case 'refused-address':
      return say.refusedAddress(failure.host, say.addressClass[failure.class]);
    case 'unresolvable':
      return say.unresolvable(failure.host);
    case 'unreachable':
      return say.unreachable(failure.host, failure.reason);
    case 'too-many-redirects':
      return say.tooManyRedirects(failure.limit);
    case 'timeout':
      return say.timeout(failure.seconds);
    case 'too-large':
      return say.tooLarge(failure.limitBytes / 1_000_000);
    case 'http-status':
      return say.httpStatus(failure.status);
    case 'unsupported-type':
      return say.unsupportedType(failure.contentType);
    case 'not-an-article':
      return say.notAnArticle;
    case 'no-file':
      return say.noFile(failure.path);
    case 'unsupported-file':
      return say.unsupportedFile(failure.path);
    case 'unreadable-file':
      return say.unreadableFile(failure.path, failure.reason);
    case 'invalid-article':
      return say.invalidArticle(failure.reasons.map(describeIssue));
    case 'bad-server':
      return say.badServer(failure.server);
  }
}
