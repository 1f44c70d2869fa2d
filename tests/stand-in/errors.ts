/**
 * Discord's JSON error bodies (docs: Topics → Opcodes and Status Codes → JSON Error Codes).
 *
 * A failed request answers `{ code, message }`; a body that fails validation answers
 * code 50035 with an `errors` tree whose leaves are `{ _errors: [{ code, message }] }`,
 * keyed by field name and array index (e.g. `errors.data.embeds.0.description._errors`).
 * discord.js flattens that tree into the DiscordAPIError message, so the shape matters.
 */

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: FormErrorTree;
}

export interface FormErrorLeaf {
  code: string;
  message: string;
}

export interface FormErrorTree {
  [key: string]: FormErrorTree | FormErrorLeaf[] | undefined;
  _errors?: FormErrorLeaf[];
}

export interface ErrorResponse {
  status: number;
  body: DiscordErrorBody;
}

function error(status: number, code: number, message: string): ErrorResponse {
  return { status, body: { code, message } };
}

/** The errors this stand-in answers; names follow the docs' table of JSON error codes. */
export const DiscordErrors = {
  unauthorized: () => error(401, 0, '401: Unauthorized'),
  notFound: () => error(404, 0, '404: Not Found'),
  methodNotAllowed: () => error(405, 0, '405: Method Not Allowed'),
  unknownChannel: () => error(404, 10003, 'Unknown Channel'),
  unknownGuild: () => error(404, 10004, 'Unknown Guild'),
  unknownMember: () => error(404, 10007, 'Unknown Member'),
  unknownMessage: () => error(404, 10008, 'Unknown Message'),
  unknownUser: () => error(404, 10013, 'Unknown User'),
  unknownWebhook: () => error(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => error(404, 10062, 'Unknown interaction'),
  unknownApplicationCommand: () => error(404, 10063, 'Unknown application command'),
  maxDailyCommandCreates: () =>
    error(429, 30034, 'Max number of daily application command creates has been reached (200)'),
  interactionAlreadyAcknowledged: () => error(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => error(403, 50001, 'Missing Access'),
  cannotEditOthersMessage: () => error(403, 50005, 'Cannot edit a message authored by another user'),
  cannotSendEmptyMessage: () => error(400, 50006, 'Cannot send an empty message'),
  cannotSendInNonTextChannel: () => error(400, 50008, 'Cannot send messages in a non-text channel'),
  missingPermissions: () => error(403, 50013, 'Missing Permissions'),
  invalidWebhookToken: () => error(401, 50027, 'Invalid Webhook Token'),
  threadAlreadyCreated: () => error(400, 160004, 'A thread has already been created for this message'),
} as const;

/**
 * Collects field errors while a payload is validated, then renders the nested
 * 50035 "Invalid Form Body" response.
 */
export class FormErrors {
  private readonly tree: FormErrorTree = {};
  private count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node = this.tree;
    for (const segment of path) {
      const key = String(segment);
      const child = node[key];
      if (child === undefined || Array.isArray(child)) {
        const created: FormErrorTree = {};
        node[key] = created;
        node = created;
      } else {
        node = child;
      }
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  get hasErrors(): boolean {
    return this.count > 0;
  }

  toResponse(): ErrorResponse {
    return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: this.tree } };
  }
}

/** Error texts Discord uses for length checks (seen in real 50035 answers). */
export const LengthErrors = {
  max: (max: number): [string, string] => ['BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`],
  between: (min: number, max: number): [string, string] => [
    'BASE_TYPE_BAD_LENGTH',
    `Must be between ${min} and ${max} in length.`,
  ],
  required: (): [string, string] => ['BASE_TYPE_REQUIRED', 'This field is required'],
};
