import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ForwardIndex, ForwardInput, Postings } from './forward-index.js';
import { TermVocabulary } from './forward-index.js';
import type { IndexParts } from './index-data.js';
import { type Steps, finishGradually, finishNow } from '../steps.js';

/**
 * The built parts of an index on disk, so that a restart reads them instead of reading every word again. A
 * snapshot is keyed twice: by the words it was built from (`contentKeyOf`: every passage's text and context, in
 * library order) and by the code that turns words into terms (`indexFormatVersion`: a hash of the tokeniser's and
 * the index's own source files), so a change to either can never load a stale index. Its body carries a SHA-256:
 * a truncated or corrupt file is a `corrupt` outcome, never an index.
 *
 * Layout: `FNSNAP01`, the header's length (u32, little-endian), the header (JSON), zero padding to 8 bytes, the
 * body. The body is the typed arrays as they are in memory (little-endian, as every platform Node runs on), each at
 * an offset that is a multiple of 8, so reading one is a view on the file's bytes, not a copy.
 */

const MAGIC = 'FNSNAP01';
/** The layout of the file itself; the index's format is `indexFormatVersion`. */
const LAYOUT = 1;

/**
 * Modules whose code decides which terms an index holds and how its tables are laid out. A change to any of them
 * changes `indexFormatVersion`. Named without extension: they are read as `.ts` from source, `.js` once compiled.
 */
export const INDEX_FORMAT_MODULES: readonly string[] = Object.freeze([
  '../normalize',
  '../stopwords',
  './forward-index',
  './index-data',
  './typo-index',
  './parallel-build',
  './defaults',
  './snapshot',
]);

/**
 * The format version of the index this code builds: a hash of the source text of `INDEX_FORMAT_MODULES`, read
 * beside this module (`moduleDir` and the extension may be given for a copy of the tree, as the tests do).
 */
export function indexFormatVersion(
  moduleDir: string = path.dirname(fileURLToPath(import.meta.url)),
  extension: string = import.meta.url.endsWith('.ts') ? '.ts' : '.js',
): string {
  const hash = createHash('sha256').update(`layout ${LAYOUT}\0`);
  for (const name of INDEX_FORMAT_MODULES) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(path.join(moduleDir, `${name}${extension}`)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The hash of what an index is built from: its passages' words and contexts, in order. */
export function contentKeyOf(input: ForwardInput): string {
  const hash = createHash('sha256').update(`${input.texts.length} ${input.contexts.length} ${input.contextTf}\0`);
  for (const context of input.contexts) hash.update(context).update('\0');
  hash.update(new Uint8Array(input.contextOf.buffer, input.contextOf.byteOffset, input.contextOf.byteLength));
  for (const text of input.texts) hash.update(text).update('\0');
  return hash.digest('hex');
}

/** What a snapshot is looked up by. */
export interface SnapshotKey {
  readonly formatVersion: string;
  readonly contentKey: string;
}

/** The parts of an index a snapshot holds: all that `createIndexData` cannot derive cheaply. */
export interface SnapshotParts {
  readonly forward: ForwardIndex;
  readonly vocabulary: TermVocabulary;
  readonly postings: Postings;
  readonly sortedSurfaces: readonly string[];
  readonly typoDeletes: Float64Array;
}

export type SnapshotRead =
  | { readonly kind: 'loaded'; readonly parts: Required<IndexParts>; readonly bytes: number }
  | { readonly kind: 'missing' }
  /** A snapshot of another library, or made by other code: to be built again and replaced. */
  | { readonly kind: 'stale'; readonly reason: string }
  | { readonly kind: 'corrupt'; readonly reason: string };

type SectionType = 'u32' | 'f32' | 'f64' | 'text';

export interface Section {
  readonly name: string;
  readonly type: SectionType;
  readonly offset: number;
  readonly bytes: number;
}

interface Header extends SnapshotKey {
  readonly layout: number;
  readonly passageCount: number;
  readonly sections: readonly Section[];
  readonly bodyBytes: number;
  readonly sha256: string;
}

/** The file of a snapshot in `dir`: one per directory, replaced by each new build. */
export function snapshotFile(dir: string): string {
  return path.join(dir, 'index.snapshot');
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Words joined by a character no word holds (the tokeniser splits on every control character). */
const SEPARATOR = '\u0000';

/** The body of a snapshot (its arrays laid end to end, each at a multiple of 8) and where each array is in it. */
export interface EncodedParts {
  readonly sections: readonly Section[];
  readonly body: Uint8Array<ArrayBuffer>;
}

/**
 * The parts of an index as one buffer: what a snapshot's body holds, and what a worker that built an index hands
 * the thread that serves it (`shared`: in a SharedArrayBuffer, so that the worker can go on writing the snapshot
 * from the very bytes the other thread is reading; see `decodeParts`).
 */
export function encodeParts(parts: SnapshotParts, shared = false): EncodedParts {
  const { forward, vocabulary, postings } = parts;
  const sortedIds = Uint32Array.from(parts.sortedSurfaces, (surface) => vocabulary.surfaceIds.get(surface)!);
  const arrays: [string, SectionType, ArrayBufferView][] = [
    ['docStart', 'u32', forward.docStart],
    ['docTerms', 'u32', forward.docTerms],
    ['docTfs', 'f32', forward.docTfs],
    ['docLength', 'f32', forward.docLength],
    ['df', 'u32', postings.df],
    ['postStart', 'u32', postings.postStart],
    ['postDocs', 'u32', postings.postDocs],
    ['surfaceTerms', 'u32', Uint32Array.from(vocabulary.surfaceTerms)],
    ['sortedSurfaces', 'u32', sortedIds],
    ['typoDeletes', 'f64', parts.typoDeletes],
    ['terms', 'text', Buffer.from(vocabulary.terms.join(SEPARATOR))],
    ['surfaces', 'text', Buffer.from(vocabulary.surfaces.join(SEPARATOR))],
  ];
  const sections: Section[] = [];
  let offset = 0;
  for (const [name, type, view] of arrays) {
    sections.push({ name, type, offset, bytes: view.byteLength });
    offset = align8(offset + view.byteLength);
  }
  const body = new Uint8Array(
    shared ? (new SharedArrayBuffer(offset) as unknown as ArrayBuffer) : new ArrayBuffer(offset),
  );
  arrays.forEach(([, , view], i) =>
    body.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), sections[i]!.offset),
  );
  return { sections, body };
}

/**
 * Writes the parts of an index of `passageCount` passages to `file`, through a temporary file renamed into place,
 * so that a crash mid-write leaves the previous snapshot or none, never half of one.
 */
export async function writeSnapshot(
  file: string,
  key: SnapshotKey,
  passageCount: number,
  parts: SnapshotParts | EncodedParts,
): Promise<number> {
  const { sections, body } = 'body' in parts ? parts : encodeParts(parts);
  const bodyBytes = body.length;
  const sha256 = createHash('sha256').update(body).digest('hex');
  const header: Header = { layout: LAYOUT, ...key, passageCount, sections, bodyBytes, sha256 };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(align8(MAGIC.length + 4 + headerBytes.length));
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(prefix, MAGIC.length + 4);

  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writev([prefix, body]);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, file);
  return prefix.length + bodyBytes;
}

/**
 * Reads the snapshot in `file` if it was made for `key`. Every way a file can be wrong (missing, another key,
 * truncated, a flipped byte, a malformed header) is an outcome: the caller builds the index instead.
 */
export async function readSnapshot(file: string, key: SnapshotKey, passageCount: number): Promise<SnapshotRead> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'corrupt', reason: `cannot be read: ${(error as Error).message}` };
  }
  const header = readHeader(buffer);
  if (typeof header === 'string') return { kind: 'corrupt', reason: header };
  if (header.formatVersion !== key.formatVersion)
    return {
      kind: 'stale',
      reason: `made by index format ${header.formatVersion}, this code's is ${key.formatVersion}`,
    };
  if (header.contentKey !== key.contentKey || header.passageCount !== passageCount)
    return { kind: 'stale', reason: 'made from other passages' };
  const bodyStart = align8(MAGIC.length + 4 + buffer.readUInt32LE(MAGIC.length));
  if (buffer.length !== bodyStart + header.bodyBytes)
    return { kind: 'corrupt', reason: `truncated: ${buffer.length} bytes, ${bodyStart + header.bodyBytes} expected` };
  const body = buffer.subarray(bodyStart);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256)
    return { kind: 'corrupt', reason: 'checksum mismatch' };
  try {
    return { kind: 'loaded', parts: decodeParts(body, header), bytes: buffer.length };
  } catch (error) {
    return { kind: 'corrupt', reason: (error as Error).message };
  }
}

function readHeader(buffer: Buffer): Header | string {
  if (buffer.length < MAGIC.length + 4 || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC)
    return 'not a snapshot (no magic number)';
  const length = buffer.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + length > buffer.length) return 'truncated header';
  try {
    const header = JSON.parse(buffer.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length)) as Header;
    if (header.layout !== LAYOUT || !Array.isArray(header.sections)) return `unknown layout ${String(header.layout)}`;
    return header;
  } catch {
    return 'malformed header';
  }
}

/** Where a body's arrays are, and how many passages they cover. */
export interface PartsLayout {
  readonly sections: readonly Section[];
  readonly passageCount: number;
}

/**
 * Views on the arrays of a body `encodeParts` made, and the vocabulary's maps rebuilt from its word lists. Throws
 * if a section is missing or the arrays do not cover `passageCount` passages.
 */
export const decodeParts = (body: Uint8Array, layout: PartsLayout): Required<IndexParts> =>
  finishNow(decodeSteps(body, layout));

/** `decodeParts` with the event loop turning between its steps (about 100 ms in all at 100,000 passages). */
export const decodePartsGradually = (body: Uint8Array, layout: PartsLayout): Promise<Required<IndexParts>> =>
  finishGradually(decodeSteps(body, layout));

/** Words of the vocabulary put into its maps between two turns of the event loop: about 10 ms of work. */
const WORDS_PER_STEP = 25_000;

function* decodeSteps(body: Uint8Array, { sections, passageCount }: PartsLayout): Steps<Required<IndexParts>> {
  // The views need the body at an offset that is a multiple of 8 in its ArrayBuffer; a pooled Buffer may not be.
  const aligned = body.byteOffset % 8 === 0 ? body : Uint8Array.from(body);
  const bytes = Buffer.from(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  const section = (name: string): Section => {
    const found = sections.find((s) => s.name === name);
    if (found === undefined || found.offset + found.bytes > bytes.length) throw new Error(`section ${name} is missing`);
    return found;
  };
  const at = bytes.byteOffset;
  const buffer = bytes.buffer as ArrayBuffer;
  const u32 = (name: string): Uint32Array<ArrayBuffer> => {
    const s = section(name);
    return new Uint32Array(buffer, at + s.offset, s.bytes / 4);
  };
  const f32 = (name: string): Float32Array<ArrayBuffer> => {
    const s = section(name);
    return new Float32Array(buffer, at + s.offset, s.bytes / 4);
  };
  const words = (name: string): string[] => {
    const s = section(name);
    return s.bytes === 0 ? [] : bytes.toString('utf8', s.offset, s.offset + s.bytes).split(SEPARATOR);
  };
  const typo = section('typoDeletes');

  const vocabulary = new TermVocabulary();
  const terms = words('terms');
  const surfaces = words('surfaces');
  const surfaceTerms = u32('surfaceTerms');
  if (surfaces.length !== surfaceTerms.length) throw new Error('surfaces and their terms differ in number');
  yield;
  // One at a time: spreading hundreds of thousands of words into push() would overflow the stack.
  for (let id = 0; id < terms.length; id++) {
    const term = terms[id]!;
    vocabulary.termIds.set(term, id);
    vocabulary.terms.push(term);
    if ((id + 1) % WORDS_PER_STEP === 0) yield;
  }
  for (let id = 0; id < surfaces.length; id++) {
    const surface = surfaces[id]!;
    vocabulary.surfaceIds.set(surface, id);
    vocabulary.surfaces.push(surface);
    vocabulary.surfaceTerms.push(surfaceTerms[id]!);
    if ((id + 1) % WORDS_PER_STEP === 0) yield;
  }
  const forward: ForwardIndex = {
    docStart: u32('docStart'),
    docTerms: u32('docTerms'),
    docTfs: f32('docTfs'),
    docLength: f32('docLength'),
  };
  if (forward.docLength.length !== passageCount || forward.docStart.length !== passageCount + 1)
    throw new Error('the forward index does not cover the passages');
  yield;
  const sortedSurfaces = Array.from(u32('sortedSurfaces'), (id) => surfaces[id]!);
  return {
    forward,
    vocabulary,
    postings: { df: u32('df'), postStart: u32('postStart'), postDocs: u32('postDocs') },
    sortedSurfaces,
    typoDeletes: new Float64Array(buffer, at + typo.offset, typo.bytes / 8),
  };
}
