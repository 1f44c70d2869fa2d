import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../../src/core/types.js';

/** An article as a knowledge file would hold it: front matter, then each section's heading and paragraphs. */
export function articleMarkdown(article: Article): string {
  const meta = article.meta;
  const front = [`title: ${JSON.stringify(meta.title)}`];
  if (meta.author !== undefined) front.push(`author: ${JSON.stringify(meta.author)}`);
  if (meta.published !== undefined) front.push(`published: "${meta.published}"`);
  if (meta.url !== undefined) front.push(`url: ${meta.url}`);
  const body: string[] = [];
  let section: string | undefined;
  for (const passage of article.passages) {
    if (passage.section !== undefined && passage.section !== section) body.push(`## ${passage.section}`);
    section = passage.section;
    body.push(passage.text);
  }
  return `---\n${front.join('\n')}\n---\n\n${body.join('\n\n')}\n`;
}

/** Writes every article to `dir` as `<slug>.md`: a library on disk, read as a start-up or a reload reads one. */
export async function writeCorpus(dir: string, articles: readonly Article[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const article of articles) await writeFile(path.join(dir, `${article.slug}.md`), articleMarkdown(article));
}
