import { parseHTML } from 'linkedom';

/**
 * The few DOM features the reader uses, typed here because the project compiles without the DOM library. linkedom
 * builds the tree; it runs no script, loads nothing and applies no style.
 */
export interface DomElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

export function parseDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}
