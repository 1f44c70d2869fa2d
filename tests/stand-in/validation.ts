/**
 * Payload checks that real Discord applies and that discord.js does not (or only partly)
 * apply on the client side. Numbers come from /work/shared/DISCORD-LIMITS.md, which cites
 * the docs (Message resource → Embed Limits; Components reference; Receiving and
 * Responding; Application Commands).
 *
 * Lengths are counted in Unicode code points, not UTF-16 units: Discord measures
 * characters, and counting code points never rejects a payload Discord would accept.
 */
import { LengthErrors, type FormErrors } from './errors.js';

export const Limits = {
  contentLength: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotalCharacters: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customIdLength: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceStringValue: 100,
  modalTitle: 45,
  nonceLength: 25,
  allowedMentionIds: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandChoices: 25,
  commandTotalCharacters: 8000,
  globalChatInputCommands: 100,
} as const;

/** Message flags (docs: Message resource → Message Flags). */
export const MessageFlagBits = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsVoiceMessage: 1 << 13,
  IsComponentsV2: 1 << 15,
} as const;

/** Flags a message-creating request may set (Create Message, Execute Webhook, callback type 4). */
export const CREATE_MESSAGE_FLAGS =
  MessageFlagBits.SuppressEmbeds |
  MessageFlagBits.SuppressNotifications |
  MessageFlagBits.IsVoiceMessage |
  MessageFlagBits.IsComponentsV2;
/** Interaction responses and follow-ups may also be ephemeral. */
export const INTERACTION_MESSAGE_FLAGS = CREATE_MESSAGE_FLAGS | MessageFlagBits.Ephemeral;
/** "If you create a callback with the type DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE the only valid message flag you may use is EPHEMERAL". */
export const DEFERRED_MESSAGE_FLAGS = MessageFlagBits.Ephemeral;
/** Edits may toggle SUPPRESS_EMBEDS and switch on components v2 (docs: Edit Message). */
export const EDIT_MESSAGE_FLAGS =
  MessageFlagBits.SuppressEmbeds | MessageFlagBits.IsComponentsV2 | MessageFlagBits.Ephemeral;

type Path = ReadonlyArray<string | number>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function characterCount(text: string): number {
  return [...text].length;
}

function checkLength(
  errors: FormErrors,
  path: Path,
  value: unknown,
  min: number,
  max: number,
  required: boolean,
): number {
  if (value === undefined || value === null) {
    if (required) errors.add(path, ...LengthErrors.required());
    return 0;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'STRING_TYPE_CONVERT', 'Could not interpret the value as string.');
    return 0;
  }
  const length = characterCount(value);
  if (length < min || length > max)
    errors.add(path, ...(min > 0 ? LengthErrors.between(min, max) : LengthErrors.max(max)));
  return length;
}

function checkArrayLength(errors: FormErrors, path: Path, value: unknown, max: number): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return [];
  }
  if (value.length > max) errors.add(path, ...LengthErrors.max(max));
  return value;
}

export interface MessageValidationOptions {
  /** Bits that this route allows in `flags`. */
  allowedFlags: number;
}

/**
 * Validates the message fields shared by Create Message, Execute Webhook, Edit Webhook
 * Message and the message-bearing interaction callbacks. Errors are added under `path`
 * (e.g. `['data']` for a callback's data object).
 */
export function validateMessageFields(
  body: Record<string, unknown>,
  errors: FormErrors,
  path: Path,
  options: MessageValidationOptions,
): void {
  if (body.content !== undefined && body.content !== null) {
    checkLength(errors, [...path, 'content'], body.content, 0, Limits.contentLength, false);
  }

  if (body.flags !== undefined && body.flags !== null) {
    if (typeof body.flags !== 'number' || !Number.isInteger(body.flags)) {
      errors.add([...path, 'flags'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
    } else if ((body.flags & ~options.allowedFlags) !== 0) {
      errors.add([...path, 'flags'], 'MESSAGE_INVALID_FLAGS', 'Invalid flags for this message.');
    }
  }

  if (body.nonce !== undefined && body.nonce !== null) {
    if (typeof body.nonce === 'string') {
      checkLength(errors, [...path, 'nonce'], body.nonce, 0, Limits.nonceLength, false);
    } else if (typeof body.nonce !== 'number' || !Number.isInteger(body.nonce)) {
      errors.add([...path, 'nonce'], 'NONCE_TYPE_INVALID', 'Nonce must be an integer or a string.');
    }
  }

  validateEmbeds(body.embeds, errors, [...path, 'embeds']);
  const componentsV2 = typeof body.flags === 'number' && (body.flags & MessageFlagBits.IsComponentsV2) !== 0;
  validateComponents(body.components, errors, [...path, 'components'], componentsV2);
  validateAllowedMentions(body.allowed_mentions, errors, [...path, 'allowed_mentions']);
}

/** docs: Embed Limits, including the 6000-character total that discord.js builders never check. */
export function validateEmbeds(embeds: unknown, errors: FormErrors, path: Path): void {
  const list = checkArrayLength(errors, path, embeds, Limits.embedsPerMessage);
  let total = 0;
  list.forEach((embed, index) => {
    const at = [...path, index];
    if (!isRecord(embed)) {
      errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    total += checkLength(errors, [...at, 'title'], embed.title, 0, Limits.embedTitle, false);
    if (embed.description !== undefined && embed.description !== null) {
      // An empty description is refused (DISCORD-LIMITS.md: "an empty description is refused").
      total += checkLength(errors, [...at, 'description'], embed.description, 1, Limits.embedDescription, true);
    }
    const fields = checkArrayLength(errors, [...at, 'fields'], embed.fields, Limits.embedFields);
    fields.forEach((field, fieldIndex) => {
      const fieldPath = [...at, 'fields', fieldIndex];
      if (!isRecord(field)) {
        errors.add(fieldPath, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        return;
      }
      total += checkLength(errors, [...fieldPath, 'name'], field.name, 1, Limits.embedFieldName, true);
      total += checkLength(errors, [...fieldPath, 'value'], field.value, 1, Limits.embedFieldValue, true);
    });
    if (embed.footer !== undefined && embed.footer !== null) {
      const footer = isRecord(embed.footer) ? embed.footer : {};
      total += checkLength(errors, [...at, 'footer', 'text'], footer.text, 1, Limits.embedFooterText, true);
    }
    if (embed.author !== undefined && embed.author !== null) {
      const author = isRecord(embed.author) ? embed.author : {};
      total += checkLength(errors, [...at, 'author', 'name'], author.name, 1, Limits.embedAuthorName, true);
    }
    if (embed.color !== undefined && embed.color !== null) {
      if (
        typeof embed.color !== 'number' ||
        !Number.isInteger(embed.color) ||
        embed.color < 0 ||
        embed.color > 0xffffff
      ) {
        errors.add([...at, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
      }
    }
  });
  if (total > Limits.embedTotalCharacters) {
    errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotalCharacters}`);
  }
}

const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const BUTTON_TYPE = 2;
const ACTION_ROW_TYPE = 1;
const LINK_BUTTON_STYLE = 5;
const PREMIUM_BUTTON_STYLE = 6;

/** docs: Components reference (legacy action rows: 5 rows, 5 buttons or 1 select a row). */
export function validateComponents(components: unknown, errors: FormErrors, path: Path, componentsV2: boolean): void {
  const seenCustomIds = new Set<string>();
  const checkCustomId = (customId: unknown, at: Path, required: boolean): void => {
    checkLength(errors, at, customId, 1, Limits.customIdLength, required);
    if (typeof customId === 'string') {
      if (seenCustomIds.has(customId)) {
        errors.add(at, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      }
      seenCustomIds.add(customId);
    }
  };

  if (componentsV2) {
    // Components v2 layouts nest freely; check the ids and button/select limits wherever they appear.
    const walk = (node: unknown, at: Path): void => {
      if (Array.isArray(node)) {
        node.forEach((child, index) => walk(child, [...at, index]));
        return;
      }
      if (!isRecord(node)) return;
      if (node.type === BUTTON_TYPE) validateButton(node, errors, at, checkCustomId);
      else if (typeof node.type === 'number' && SELECT_TYPES.has(node.type))
        validateSelect(node, errors, at, checkCustomId);
      if (node.components !== undefined) walk(node.components, [...at, 'components']);
      if (isRecord(node.accessory)) walk(node.accessory, [...at, 'accessory']);
    };
    walk(checkArrayLength(errors, path, components, 40), path);
    return;
  }

  const rows = checkArrayLength(errors, path, components, Limits.actionRows);
  rows.forEach((row, rowIndex) => {
    const rowPath = [...path, rowIndex];
    if (!isRecord(row) || row.type !== ACTION_ROW_TYPE) {
      errors.add([...rowPath, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    const children = Array.isArray(row.components) ? row.components : [];
    if (children.length < 1 || children.length > Limits.buttonsPerRow) {
      errors.add([...rowPath, 'components'], ...LengthErrors.between(1, Limits.buttonsPerRow));
    }
    const hasSelect = children.some(
      (child) => isRecord(child) && typeof child.type === 'number' && SELECT_TYPES.has(child.type),
    );
    if (hasSelect && children.length > 1) {
      errors.add(
        [...rowPath, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    children.forEach((child, childIndex) => {
      const childPath = [...rowPath, 'components', childIndex];
      if (!isRecord(child)) return;
      if (child.type === BUTTON_TYPE) validateButton(child, errors, childPath, checkCustomId);
      else if (typeof child.type === 'number' && SELECT_TYPES.has(child.type))
        validateSelect(child, errors, childPath, checkCustomId);
      else
        errors.add(
          [...childPath, 'type'],
          'UNION_TYPE_CHOICES',
          'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).',
        );
    });
  });
}

function validateButton(
  button: Record<string, unknown>,
  errors: FormErrors,
  path: Path,
  checkCustomId: (customId: unknown, at: Path, required: boolean) => void,
): void {
  checkLength(errors, [...path, 'label'], button.label, 0, Limits.buttonLabel, false);
  if (button.style === LINK_BUTTON_STYLE) {
    if (typeof button.url !== 'string') errors.add([...path, 'url'], ...LengthErrors.required());
    if (button.custom_id !== undefined) {
      errors.add(
        [...path, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        'A custom id is not allowed on link buttons',
      );
    }
  } else if (button.style !== PREMIUM_BUTTON_STYLE) {
    checkCustomId(button.custom_id, [...path, 'custom_id'], true);
  }
}

function validateSelect(
  select: Record<string, unknown>,
  errors: FormErrors,
  path: Path,
  checkCustomId: (customId: unknown, at: Path, required: boolean) => void,
): void {
  checkCustomId(select.custom_id, [...path, 'custom_id'], true);
  checkLength(errors, [...path, 'placeholder'], select.placeholder, 0, Limits.selectPlaceholder, false);
  if (select.type === 3) {
    const options = Array.isArray(select.options) ? select.options : [];
    if (options.length < 1 || options.length > Limits.selectOptions) {
      errors.add([...path, 'options'], ...LengthErrors.between(1, Limits.selectOptions));
    }
    options.forEach((option, index) => {
      if (!isRecord(option)) return;
      const at = [...path, 'options', index];
      checkLength(errors, [...at, 'label'], option.label, 1, Limits.selectOptionText, true);
      checkLength(errors, [...at, 'value'], option.value, 1, Limits.selectOptionText, true);
      checkLength(errors, [...at, 'description'], option.description, 0, Limits.selectOptionText, false);
    });
  }
}

const ALLOWED_MENTION_TYPES = new Set(['users', 'roles', 'everyone']);

/** docs: Message resource → Allowed Mentions Object. */
export function validateAllowedMentions(value: unknown, errors: FormErrors, path: Path): void {
  if (value === undefined || value === null) return;
  if (!isRecord(value)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const parse = checkArrayLength(errors, [...path, 'parse'], value.parse, 3);
  parse.forEach((entry, index) => {
    if (typeof entry !== 'string' || !ALLOWED_MENTION_TYPES.has(entry)) {
      errors.add(
        [...path, 'parse', index],
        'BASE_TYPE_CHOICES',
        "Value must be one of ('roles', 'users', 'everyone').",
      );
    }
  });
  const users = checkArrayLength(errors, [...path, 'users'], value.users, Limits.allowedMentionIds);
  const roles = checkArrayLength(errors, [...path, 'roles'], value.roles, Limits.allowedMentionIds);
  if (parse.includes('users') && users.length > 0) {
    errors.add(
      path,
      'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      'parse:["users"] and users: [ids...] are mutually exclusive.',
    );
  }
  if (parse.includes('roles') && roles.length > 0) {
    errors.add(
      path,
      'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      'parse:["roles"] and roles: [ids...] are mutually exclusive.',
    );
  }
}

/**
 * Discord refuses a new message without content, embeds, components, stickers, files or a
 * poll (50006 Cannot send an empty message).
 */
export function isEmptyMessage(body: Record<string, unknown>, fileCount: number): boolean {
  const hasText = typeof body.content === 'string' && body.content.length > 0;
  const hasList = (key: string): boolean => Array.isArray(body[key]) && (body[key] as unknown[]).length > 0;
  return (
    !hasText &&
    !hasList('embeds') &&
    !hasList('components') &&
    !hasList('sticker_ids') &&
    !isRecord(body.poll) &&
    fileCount === 0
  );
}

/** docs: Receiving and Responding → Autocomplete (max 25 choices; choice name 1–100, string value ≤ 100). */
export function validateAutocompleteData(data: unknown, errors: FormErrors, path: Path): void {
  if (!isRecord(data)) {
    errors.add([...path, 'choices'], ...LengthErrors.required());
    return;
  }
  const choices = checkArrayLength(errors, [...path, 'choices'], data.choices, Limits.autocompleteChoices);
  if (data.choices === undefined) errors.add([...path, 'choices'], ...LengthErrors.required());
  choices.forEach((choice, index) => validateChoice(choice, errors, [...path, 'choices', index]));
}

function validateChoice(choice: unknown, errors: FormErrors, path: Path): number {
  if (!isRecord(choice)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return 0;
  }
  let total = checkLength(errors, [...path, 'name'], choice.name, 1, Limits.choiceName, true);
  if (typeof choice.value === 'string') {
    total += checkLength(errors, [...path, 'value'], choice.value, 0, Limits.choiceStringValue, true);
  } else if (typeof choice.value !== 'number' || !Number.isFinite(choice.value)) {
    errors.add([...path, 'value'], ...LengthErrors.required());
  } else {
    total += String(choice.value).length;
  }
  return total;
}

/** docs: Receiving and Responding → Modal (custom_id ≤ 100, title ≤ 45, 1–5 components). */
export function validateModalData(data: unknown, errors: FormErrors, path: Path): void {
  const modal = isRecord(data) ? data : {};
  checkLength(errors, [...path, 'custom_id'], modal.custom_id, 1, Limits.customIdLength, true);
  checkLength(errors, [...path, 'title'], modal.title, 1, Limits.modalTitle, true);
  const components = Array.isArray(modal.components) ? modal.components : [];
  if (components.length < 1 || components.length > 5)
    errors.add([...path, 'components'], ...LengthErrors.between(1, 5));
  components.forEach((component, index) => validateModalComponent(component, errors, [...path, 'components', index]));
}

const MODAL_TEXT_LIMIT = 4000;
const MODAL_LABEL = 45;
const LABEL_DESCRIPTION = 100;
const TEXT_INPUT_PLACEHOLDER = 100;

/**
 * docs: Component reference. A modal's top level holds Labels (18), Text Displays (10) or, the older way, Action
 * Rows (1) of one Text Input each. A Label wraps one Text Input or select; a Text Input inside a Label has no
 * label of its own; a select in a modal cannot be disabled.
 */
function validateModalComponent(component: unknown, errors: FormErrors, path: Path): void {
  if (!isRecord(component)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  switch (component.type) {
    case 1: {
      const inner = Array.isArray(component.components) ? component.components : [];
      if (inner.length !== 1) errors.add([...path, 'components'], ...LengthErrors.between(1, 1));
      inner.forEach((input, i) => validateTextInput(input, errors, [...path, 'components', i], 'row'));
      return;
    }
    case 10:
      checkLength(errors, [...path, 'content'], component.content, 1, MODAL_TEXT_LIMIT, true);
      return;
    case 18: {
      checkLength(errors, [...path, 'label'], component.label, 1, MODAL_LABEL, true);
      checkLength(errors, [...path, 'description'], component.description, 1, LABEL_DESCRIPTION, false);
      const inner = component.component;
      if (isRecord(inner) && inner.type === 4) validateTextInput(inner, errors, [...path, 'component'], 'label');
      else if (isRecord(inner) && inner.type === 3) validateModalSelect(inner, errors, [...path, 'component']);
      else if (!(isRecord(inner) && [5, 6, 7, 8, 19].includes(inner.type as number)))
        errors.add(
          [...path, 'component'],
          'UNION_TYPE_CHOICES',
          'Value of field "type" must be one of (3, 4, 5, 6, 7, 8, 19).',
        );
      return;
    }
    default:
      errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1, 10, 18).');
  }
}

function validateTextInput(input: unknown, errors: FormErrors, path: Path, where: 'row' | 'label'): void {
  if (!isRecord(input) || input.type !== 4) {
    errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (4).');
    return;
  }
  checkLength(errors, [...path, 'custom_id'], input.custom_id, 1, Limits.customIdLength, true);
  if (input.style !== 1 && input.style !== 2)
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  if (where === 'row') checkLength(errors, [...path, 'label'], input.label, 1, MODAL_LABEL, true);
  else if (input.label !== undefined)
    errors.add([...path, 'label'], 'COMPONENT_LABEL_NOT_ALLOWED', 'A text input in a label has no label of its own.');
  checkRange(errors, [...path, 'min_length'], input.min_length, 0, MODAL_TEXT_LIMIT);
  checkRange(errors, [...path, 'max_length'], input.max_length, 1, MODAL_TEXT_LIMIT);
  checkLength(errors, [...path, 'placeholder'], input.placeholder, 0, TEXT_INPUT_PLACEHOLDER, false);
  checkLength(errors, [...path, 'value'], input.value, 0, MODAL_TEXT_LIMIT, false);
}

function validateModalSelect(select: Record<string, unknown>, errors: FormErrors, path: Path): void {
  checkLength(errors, [...path, 'custom_id'], select.custom_id, 1, Limits.customIdLength, true);
  checkLength(errors, [...path, 'placeholder'], select.placeholder, 0, Limits.selectPlaceholder, false);
  checkRange(errors, [...path, 'min_values'], select.min_values, 0, Limits.selectOptions);
  checkRange(errors, [...path, 'max_values'], select.max_values, 1, Limits.selectOptions);
  if (select.disabled === true)
    errors.add([...path, 'disabled'], 'COMPONENT_DISABLED_IN_MODAL', 'A select in a modal cannot be disabled.');
  const options = Array.isArray(select.options) ? select.options : [];
  if (options.length < 1 || options.length > Limits.selectOptions)
    errors.add([...path, 'options'], ...LengthErrors.between(1, Limits.selectOptions));
  options.forEach((option, i) => {
    const record = isRecord(option) ? option : {};
    checkLength(errors, [...path, 'options', i, 'label'], record.label, 1, Limits.selectOptionText, true);
    checkLength(errors, [...path, 'options', i, 'value'], record.value, 1, Limits.selectOptionText, true);
    checkLength(errors, [...path, 'options', i, 'description'], record.description, 0, Limits.selectOptionText, false);
  });
}

// ---------------------------------------------------------------------------------------
// Application command definitions (docs: Application Commands → Application Command Object)
// ---------------------------------------------------------------------------------------

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING_OPTION = 3;

/** Validates one command definition, including the 8000-character total of its names, descriptions and choices. */
export function validateCommandDefinition(command: unknown, errors: FormErrors, path: Path): void {
  if (!isRecord(command)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const type = command.type ?? 1;
  let total = 0;
  if (type === 1) {
    total += validateChatInputName(command.name, errors, [...path, 'name']);
    total += checkLength(errors, [...path, 'description'], command.description, 1, Limits.commandDescription, true);
    total += validateCommandOptions(command.options, errors, [...path, 'options'], 0);
  } else if (type === 2 || type === 3) {
    // User and message commands: any name of 1–32 characters; "description" must be empty.
    total += checkLength(errors, [...path, 'name'], command.name, 1, Limits.commandName, true);
    if (typeof command.description === 'string' && command.description.length > 0) {
      errors.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_DESCRIPTION_MUST_BE_EMPTY',
        'Description must be empty.',
      );
    }
  } else if (type !== 4) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
  }
  if (total > Limits.commandTotalCharacters) {
    errors.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${Limits.commandTotalCharacters})`,
    );
  }
}

function validateChatInputName(name: unknown, errors: FormErrors, path: Path): number {
  const length = checkLength(errors, path, name, 1, Limits.commandName, true);
  if (typeof name === 'string' && (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase())) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  return length;
}

function validateCommandOptions(options: unknown, errors: FormErrors, path: Path, depth: number): number {
  const list = checkArrayLength(errors, path, options, Limits.commandOptions);
  let total = 0;
  let sawOptional = false;
  const names = new Set<string>();
  list.forEach((option, index) => {
    const at = [...path, index];
    if (!isRecord(option)) {
      errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    total += validateChatInputName(option.name, errors, [...at, 'name']);
    total += checkLength(errors, [...at, 'description'], option.description, 1, Limits.commandDescription, true);
    if (typeof option.name === 'string') {
      if (names.has(option.name))
        errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(option.name);
    }
    const isContainer = option.type === SUB_COMMAND || option.type === SUB_COMMAND_GROUP;
    if (isContainer) {
      if (depth >= (option.type === SUB_COMMAND_GROUP ? 1 : 2)) {
        errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command nesting is too deep');
      }
      total += validateCommandOptions(option.options, errors, [...at, 'options'], depth + 1);
      return;
    }
    // "Required options must be listed before optional options".
    if (option.required === true && sawOptional) {
      errors.add(
        [...at, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (option.required !== true) sawOptional = true;
    const choices = checkArrayLength(errors, [...at, 'choices'], option.choices, Limits.commandChoices);
    choices.forEach((choice, choiceIndex) => {
      total += validateChoice(choice, errors, [...at, 'choices', choiceIndex]);
    });
    if (option.autocomplete === true && choices.length > 0) {
      errors.add(
        [...at, 'autocomplete'],
        'APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES',
        'Autocomplete cannot be set with choices',
      );
    }
    if (option.type === STRING_OPTION) {
      checkRange(errors, [...at, 'min_length'], option.min_length, 0, 6000);
      checkRange(errors, [...at, 'max_length'], option.max_length, 1, 6000);
    }
  });
  return total;
}

function checkRange(errors: FormErrors, path: Path, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.add(path, 'NUMBER_TYPE_MAX', `int value should be between ${min} and ${max}.`);
  }
}
