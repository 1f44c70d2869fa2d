import type { Embed, Message } from 'discord.js';

function embedTexts(embeds: readonly Embed[]): string[] {
  return embeds.flatMap((embed) => [
    embed.title ?? '',
    embed.description ?? '',
    ...embed.fields.map((field) => `${field.name}: ${field.value}`),
  ]);
}

/**
 * The text a person means when they ask for a message's sources: its own words, a forwarded message's (Discord puts
 * those in the message snapshot, not in `content`), and the text of its embeds (a link preview, another bot's
 * answer). Empty when the message holds no text at all (an image, a sticker).
 */
export function textOfMessage(message: Message): string {
  const parts = [message.content, ...embedTexts(message.embeds)];
  for (const snapshot of message.messageSnapshots?.values() ?? [])
    parts.push(snapshot.content, ...embedTexts(snapshot.embeds));
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n\n');
}
