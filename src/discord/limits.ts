import type { APIActionRowComponent, APIEmbed, APIComponentInMessageActionRow } from 'discord-api-types/v10';

/** Discord's limits (shared/DISCORD-LIMITS.md), as named constants: each defined here once and imported. */
export const LIMITS = Object.freeze({
  content: 2_000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  authorName: 256,
  embedTotal: 6_000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  // A link button's url (docs: Message Components → Button).
  linkUrl: 512,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
  /** A message nonce (`enforce_nonce`). */
  nonce: 25,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  /** Name, description, options and choices of one command together. */
  commandTotal: 8_000,
  /** `min_length` / `max_length` of a string option. */
  stringOption: 6_000,
});

export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Every way a payload breaks Discord's limits; empty when it is valid. Used by the renderer's tests and the e2e suite. */
export function checkPayload(payload: MessagePayload): string[] {
  const errors: string[] = [];
  if ((payload.content?.length ?? 0) > LIMITS.content) errors.push(`content is ${payload.content?.length} characters`);
  const embeds = payload.embeds ?? [];
  if (embeds.length > LIMITS.embeds) errors.push(`${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((embed, i) => {
    total += embedLength(embed);
    if ((embed.title?.length ?? 0) > LIMITS.embedTitle) errors.push(`embed ${i}: title too long`);
    if (
      embed.description !== undefined &&
      (embed.description.length === 0 || embed.description.length > LIMITS.embedDescription)
    )
      errors.push(`embed ${i}: description length ${embed.description.length}`);
    if ((embed.fields?.length ?? 0) > LIMITS.embedFields) errors.push(`embed ${i}: too many fields`);
    for (const field of embed.fields ?? []) {
      if (field.name.length === 0 || field.name.length > LIMITS.fieldName)
        errors.push(`embed ${i}: field name length ${field.name.length}`);
      if (field.value.length === 0 || field.value.length > LIMITS.fieldValue)
        errors.push(`embed ${i}: field value length ${field.value.length}`);
    }
    if ((embed.footer?.text.length ?? 0) > LIMITS.footer) errors.push(`embed ${i}: footer too long`);
    if ((embed.author?.name.length ?? 0) > LIMITS.authorName) errors.push(`embed ${i}: author name too long`);
  });
  if (total > LIMITS.embedTotal) errors.push(`embeds total ${total} characters`);
  const rows = payload.components ?? [];
  if (rows.length > LIMITS.actionRows) errors.push(`${rows.length} action rows`);
  for (const row of rows) {
    if (row.components.length > LIMITS.buttonsPerRow) errors.push(`a row has ${row.components.length} components`);
    for (const component of row.components) {
      const id = 'custom_id' in component ? component.custom_id : undefined;
      if (id !== undefined && (id.length === 0 || id.length > LIMITS.customId))
        errors.push(`custom_id length ${id.length}`);
      const label = 'label' in component ? component.label : undefined;
      if (label !== undefined && label.length > LIMITS.buttonLabel) errors.push(`button label length ${label.length}`);
    }
  }
  return errors;
}
