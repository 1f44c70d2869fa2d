import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkClaims, claimsOf } from '../src/core/claims.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';

const NEWS = path.join(import.meta.dirname, 'fixtures/news-library');

describe('claimsOf', () => {
  it('takes each sentence, and each line of a list, as one claim, without the list markers', () => {
    expect(
      claimsOf(
        'Arkon cut its prices. Lena Marsh runs the company!\n- Arkon was founded in 2009\n2) SkyLink gained share',
      ),
    ).toEqual([
      'Arkon cut its prices.',
      'Lena Marsh runs the company!',
      'Arkon was founded in 2009',
      'SkyLink gained share',
    ]);
  });

  it('leaves out sentences too short to claim anything', () => {
    expect(claimsOf('Wow. So true! Arkon opened a factory in Poland.')).toEqual(['Arkon opened a factory in Poland.']);
  });

  it('keeps a title such as "Dr." inside its sentence', () => {
    expect(claimsOf('Dr. Marsh said prices would not fall again. Rates stayed high.')).toEqual([
      'Dr. Marsh said prices would not fall again.',
      'Rates stayed high.',
    ]);
  });

  it('checks at most 30 claims of a very long message', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Claim number ${i} is here.`).join(' ');
    const claims = claimsOf(text);
    expect(claims).toHaveLength(30);
    expect(claims.at(-1)).toBe('Claim number 29 is here.');
  });
});

describe('checkClaims', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(NEWS);
  });

  it('gives each claim the passage that supports it, and none to a claim the library does not hold', () => {
    const checked = checkClaims(kb, [
      'Lena Marsh became chief executive in 2021.',
      'Penguins now run the Baltic fishing fleet from Antarctica.',
      'Arkon recalled 3,000 cars on Monday.',
    ]);
    expect(checked.map((c) => c.claim)).toEqual([
      'Lena Marsh became chief executive in 2021.',
      'Penguins now run the Baltic fishing fleet from Antarctica.',
      'Arkon recalled 3,000 cars on Monday.',
    ]);
    expect(checked[0]?.source?.excerpt.text).toContain('took over as chief executive in 2021');
    expect(checked[0]?.source?.citation.title).toBe('Arkon cuts prices in Europe as demand slows');
    expect(checked[1]?.source).toBeUndefined();
    expect(checked[2]?.source?.excerpt.text).toContain('recalled 3,000 cars');
  });
});
