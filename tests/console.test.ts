import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { runConsole } from '../src/console/repl.js';
import { parseConsoleLine } from '../src/console/parse-line.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { createLogger } from '../src/log.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CITATION_3 = 'Belarus’ Balancing Act with China · Nikola Mikovic · Chinese Interest in Belarus · ¶3';

/** What a parsed line comes to, in a form a table can state: kind, command and options, or the message. */
function describeLine(line: string): unknown {
  const parsed = parseConsoleLine(line, COMMANDS);
  switch (parsed.kind) {
    case 'command':
      return { command: parsed.command.consoleName, options: parsed.input.options };
    case 'error':
      return { error: parsed.message };
    default:
      return parsed.kind;
  }
}

describe('parseConsoleLine', () => {
  it.each([
    ['', 'blank'],
    ['   \t', 'blank'],
    [
      'how much has China invested in Belarus?',
      { command: 'ask', options: { question: 'how much has China invested in Belarus?' } },
    ],
    ['  what about /slashes inside?  ', { command: 'ask', options: { question: 'what about /slashes inside?' } }],
    ['/ask BRI hub', { command: 'ask', options: { question: 'BRI hub' } }],
    [
      '/ask rail express article:belarus',
      { command: 'ask', options: { question: 'rail express', article: 'belarus' } },
    ],
    [
      '/ask article:belarus rail express',
      { command: 'ask', options: { question: 'rail express', article: 'belarus' } },
    ],
    ['/ask article:"balancing act" Xi', { command: 'ask', options: { question: 'Xi', article: 'balancing act' } }],
    ['/ask private:yes Xi', { command: 'ask', options: { question: 'Xi', private: true } }],
    ['/ask private:no Xi', { command: 'ask', options: { question: 'Xi', private: false } }],
    ['/ask "Xi Jinping" meetings', { command: 'ask', options: { question: '"Xi Jinping" meetings' } }],
    ['/ask time:10:30 meeting', { command: 'ask', options: { question: 'time:10:30 meeting' } }],
    ['/ASK Xi', { command: 'ask', options: { question: 'Xi' } }],
    ['/sources', { command: 'sources', options: {} }],
    ['/help', { command: 'help', options: {} }],
    ['/find-sources Lukashenko met Xi', { command: 'find-sources', options: { text: 'Lukashenko met Xi' } }],
    ['/quit', 'quit'],
    ['/exit', 'quit'],
    ['  /QUIT  ', 'quit'],
    ['/nope', { error: 'There is no command "nope". Type /help for the list.' }],
    ['/', { error: 'There is no command "". Type /help for the list.' }],
    ['/sources extra words', { error: '/sources: "extra words" is not an option of /sources.' }],
  ])('%j → %j', (line, expected) => {
    expect(describeLine(line)).toEqual(expected);
  });

  it('reads /timeline as the registered command with its options', () => {
    const parsed = parseConsoleLine('/timeline from:2020 to:2022', COMMANDS);
    expect(parsed).toMatchObject({ kind: 'command', input: { options: { from: '2020', to: '2022' } } });
    expect(parsed.kind === 'command' && parsed.command.data.name).toBe('timeline');
  });

  it('reads a command the registry lacks as an unknown command', () => {
    const withoutTimeline = COMMANDS.filter((c) => c.consoleName !== 'timeline');
    expect(parseConsoleLine('/timeline from:2020 to:2022', withoutTimeline)).toEqual({
      kind: 'error',
      message: 'There is no command "timeline". Type /help for the list.',
    });
  });
});

describe('runConsole', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await KnowledgeBase.load(path.join(REPO, 'knowledge'));
  });

  /** Feeds `lines` to the console as piped input and returns everything it wrote once it has finished. */
  async function session(lines: readonly string[], options: { end?: boolean } = {}): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => {
      written += chunk.toString('utf8');
    });
    const logged: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line) => logged.push(line) } });
    const done = runConsole({ input, output, context: { kb, commands: COMMANDS }, commands: COMMANDS, logger });
    for (const line of lines) input.write(`${line}\n`);
    if (options.end ?? true) input.end();
    await done;
    expect(logged).toEqual([]);
    return written;
  }

  it('prints the banner, answers a question with its citation, and says "Bye." when the input ends', async () => {
    const out = await session(['how much has China invested in Belarus?']);
    expect(out.startsWith('Footnote console: 1 article, 18 passages.\nType a question, or /help for commands.')).toBe(
      true,
    );
    expect(out).toContain('$2.6 billion');
    // Partial: ¶12 scores close to ¶3 (src/core/search/confidence.ts).
    expect(out).toContain(`— ${CITATION_3} (partial match)`);
    expect(out).not.toContain('\x1b[');
    expect(out.endsWith('Bye.\n')).toBe(true);
  });

  it('marks a timeline date whose year is inferred with a dagger the plain text’s bold markers cannot run into', async () => {
    const out = await session(['/timeline from:2024-08']);
    expect(out).toContain('† date inferred from the article’s publication date');
    expect(out).toContain('*2024-08-15†*  “Let’s sit down at the negotiating table');
    expect(out).not.toContain('**');
  });

  it('lists the sources and the commands', async () => {
    const out = await session(['/sources', '/help']);
    expect(out).toContain('*Sources*\n1 article, 18 passages in all.');
    expect(out).toContain(
      '*Belarus’ Balancing Act with China*  Nikola Mikovic · 2024-08 · 18 passages · id: belarus-balancing-act-with-china',
    );
    expect(out).toContain('*Footnote: cited answers from the library*');
    for (const command of COMMANDS) expect(out).toContain(`*${command.usage}*`);
  });

  it('answers lines in the order they came, even when piped in at once', async () => {
    const out = await session(['telescope', 'BRI', 'peacemaker']);
    const at = ['*telescope*', '(*BRI*)', '*peacemaker*'].map((word) => out.indexOf(word));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(out).toMatch(/¶11[\s\S]*¶5[\s\S]*¶13/);
  });

  it('reports an unknown command and carries on', async () => {
    const out = await session(['/nope', 'telescope']);
    expect(out).toContain('There is no command "nope". Type /help for the list.');
    expect(out).toContain('¶11');
    expect(out.endsWith('Bye.\n')).toBe(true);
  });

  it('stops at /quit and ignores what follows', async () => {
    const out = await session(['/quit', 'telescope'], { end: false });
    expect(out).not.toContain('telescope');
    expect(out.endsWith('Bye.\n')).toBe(true);
  });

  it('says the question is empty for /ask with no words, and names an unknown article', async () => {
    const out = await session(['/ask', '/ask article:nonexistent Xi']);
    expect(out).toContain('Ask a question, for example: how much has China invested in Belarus?');
    expect(out).toContain('No article matches "nonexistent". Use /sources to see the articles.');
  });
});

describe('npm start without a token (the console, piped)', () => {
  it('answers a question from stdin and exits 0 at the end of input', async () => {
    // As `npm start` runs it.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/main.ts'], {
      cwd: REPO,
      env: {
        ...process.env,
        DISCORD_TOKEN: '',
        DISCORD_CLIENT_ID: '',
        DISCORD_GUILD_ID: '',
        KNOWLEDGE_DIR: 'knowledge',
        LOG_LEVEL: 'warn',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.end('how much has China invested in Belarus?\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Footnote console: 1 article, 18 passages.');
    expect(stdout).toContain(CITATION_3);
    expect(stdout.trimEnd().endsWith('Bye.')).toBe(true);
  });
});

describe('npm run ask in a language (as the console: --locale, else LANG)', () => {
  /** Runs `npm run ask -- …args` as npm does, with LANG set as given; resolves with its exit code and output. */
  async function ask(
    args: readonly string[],
    lang: string,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/ask.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, DISCORD_TOKEN: '', KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'warn', LANG: lang },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stdout, stderr };
  }

  it('writes in the language of LANG, with its numbers and dates', async () => {
    const { code, stdout, stderr } = await ask(['/sources'], 'de_DE.UTF-8');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('*Quellen*\nInsgesamt 1 Artikel, 18 Textstellen.');
    expect(stdout).toContain('Nikola Mikovic · August 2024 · 18 Textstellen');
  });

  it('takes --locale over LANG, and names commands as the console types them', async () => {
    const { code, stdout } = await ask(['--locale', 'ru', '/ask article:nonexistent Xi'], 'de_DE.UTF-8');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Нет статьи, подходящей под «nonexistent». Список статей — в /sources.');
  });
});
