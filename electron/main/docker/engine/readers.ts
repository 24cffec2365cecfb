/**
 * The one set of defensive readers for the daemon's JSON. Fields differ between API versions and between Docker
 * and Docker-compatible engines (Podman), and a missing or oddly typed field must never break a list: every
 * reader answers a neutral value (or `undefined`) instead of throwing. The per-area mappers build on these.
 */

export type JsonObject = Record<string, unknown>;

/** A JSON object, or `undefined` for anything else (arrays included). */
export function objectOrUndefined(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** A JSON object, or `{}` for anything else (arrays included). */
export function record(value: unknown): JsonObject {
  return objectOrUndefined(value) ?? {};
}

export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** A finite number, else `fallback`. */
export function num(value: unknown, fallback = 0): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A finite number ≥ 0 (a counter or a size), else `undefined`. */
export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Some daemons send booleans as strings. */
export function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

/** The string entries of an object (labels, options, attributes); anything else is dropped. */
export function stringMap(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record(value))) {
    if (typeof entry === 'string') map[key] = entry;
  }
  return map;
}

/** The string items of an array; anything else is dropped. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The items of an array, or `[]`. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An RFC 3339 time as epoch ms; `undefined` when absent or Go's zero time. */
export function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '' || value.startsWith('0001-01-01')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Orders rows by name (code-unit order, as the docker CLI sorts). */
export function byNameOrder(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
