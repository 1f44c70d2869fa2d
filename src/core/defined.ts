/** `T` with its undefined fields left out, and optional: what an object literal with only the known fields is. */
export type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * The fields that hold a value. Under `exactOptionalPropertyTypes` an optional field may be absent but never
 * `undefined`, so optional metadata is built from what was found with this instead of a spread per field.
 */
export function definedFields<T extends Record<string, unknown>>(fields: T): Defined<T> {
  const defined: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) defined[key] = value;
  return defined as Defined<T>;
}
