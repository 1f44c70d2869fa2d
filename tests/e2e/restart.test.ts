import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button, type DiscordStandIn, slashCommand } from '../stand-in/discord-stand-in.js';
import { ENGINES, useEngine } from '../store/engines.js';
import type { StoreLocation } from '../../src/store/open-store.js';
import { type RunningProcess, startBotAgainst, startStandIn, stopBot } from './harness.js';

interface Body {
  type: number;
  data?: {
    embeds?: { description?: string; footer?: { text?: string } }[];
    components?: { components: { custom_id?: string; label?: string }[] }[];
  };
}

const databaseUrl = (location: StoreLocation): string =>
  location.engine === 'sqlite' ? `sqlite:${location.path}` : location.url;

describe.each(ENGINES)('buttons after a restart, with the store on %s', (engine) => {
  const fixture = useEngine(engine);
  let standIn: DiscordStandIn;
  let bot: RunningProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = { DATABASE_URL: databaseUrl(await fixture.freshLocation()) };
    standIn = await startStandIn();
    bot = await startBotAgainst(standIn, env);
  }, 60_000);
  afterAll(async () => {
    await stopBot(bot);
    await standIn?.stop();
  });

  async function press(customId: string, message: Parameters<typeof button>[1]): Promise<Body> {
    const handle = standIn.sendInteraction(button(customId, message));
    return ((await handle.waitForCallback(5_000)) as { body: Body }).body;
  }

  it('page through an /ask answer and a filtered /timeline exactly as before the bot restarted', async () => {
    const ask = standIn.sendInteraction(slashCommand('ask', { question: 'Lukashenko Xi Jinping' }));
    const askBody = ((await ask.waitForCallback(5_000)) as { body: Body }).body;
    const timeline = standIn.sendInteraction(
      slashCommand('timeline', { from: '2000', to: '2024', article: 'belarus-balancing-act-with-china' }),
    );
    const timelineBody = ((await timeline.waitForCallback(5_000)) as { body: Body }).body;
    const nextOf = (body: Body): string => {
      const next = body.data?.components?.[0]?.components.find((c) => c.label?.toLowerCase().includes('next'));
      return next?.custom_id ?? body.data?.components?.[0]?.components[1]?.custom_id ?? '';
    };
    const askNext = nextOf(askBody);
    const timelineNext = nextOf(timelineBody);
    expect(askNext).not.toBe('');
    expect(timelineNext).not.toBe('');
    const before = [
      await press(askNext, ask.originalMessage()!),
      await press(timelineNext, timeline.originalMessage()!),
    ];

    expect(await stopBot(bot)).toBe(0);
    bot = await startBotAgainst(standIn, env);

    const after = [
      await press(askNext, ask.originalMessage()!),
      await press(timelineNext, timeline.originalMessage()!),
    ];
    expect(after[0]?.type).toBe(7);
    expect(after[0]?.data?.embeds?.[0]?.footer?.text).toMatch(/Result 2 of/);
    expect(after[0]?.data?.embeds).toEqual(before[0]?.data?.embeds);
    expect(after[1]?.type).toBe(7);
    expect(after[1]?.data?.embeds).toEqual(before[1]?.data?.embeds);
  });
});
