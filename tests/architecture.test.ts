import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORE = path.join(ROOT, 'src/core');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file imports (static `from '…'` and dynamic `import('…')`), resolved against the repository. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map(([, spec]) =>
    spec!.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(file), spec!)) : spec!,
  );
}

/** What the core may not import: the faces, the sentences, the settings, the tools, and Discord itself. */
const FORBIDDEN = [
  /^src\/discord\//,
  /^src\/messages\./,
  /^src\/config\./,
  /^tools\//,
  /^discord\.js$/,
  /^discord-api-types/,
];

describe('the core is pure', () => {
  const files = filesUnder(CORE);

  it('finds the core’s modules', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [path.relative(ROOT, file)]))(
    '%s imports nothing from the faces, the messages, the config or a tool',
    (file) => {
      const bad = importsOf(path.join(ROOT, file)).filter((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)));
      expect(bad).toEqual([]);
    },
  );

  it('the import scan sees a forbidden import where there is one', () => {
    const face = path.join(ROOT, 'src/discord/interactions.ts');
    expect(importsOf(face).some((spec) => FORBIDDEN.some((pattern) => pattern.test(spec)))).toBe(true);
  });
});
