/**
 * Berth's one family of byte formatters. Each style below is a format some view prints today and tests pin;
 * issue #17 will settle on fewer. Pick a style by what the figure is compared with:
 *
 * | style         | looks like            | used for                                                        |
 * | ------------- | --------------------- | --------------------------------------------------------------- |
 * | `cli`         | `0B` `1.985MB` `2.1GB`| sizes the docker CLI also prints (disk usage, volumes, prune…) |
 * | `rounded`     | `512 B` `1.5 KB` `23 MB` | image sizes, operation progress                              |
 * | `binary`      | `0 B` `1.5 KiB` `12 MiB` | live stats, file sizes in browsers                           |
 * | `cli-memory`  | `512B` `23.54GiB`     | memory as `docker info` prints it                               |
 * | `transfer`    | `512 B` `1.5 KB` (1024-based) | bytes written by an image save                          |
 */
/** The one mark for "no value" in every table and panel (an unknown size, a stopped container's CPU). */
export const EMPTY_VALUE = '—';

export type ByteStyle = 'cli' | 'rounded' | 'binary' | 'cli-memory' | 'transfer';

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const ROUNDED_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;
const MEMORY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** `bytes` divided by `base` until it is below `base` or the units run out, and the unit reached. */
function scale(bytes: number, base: 1000 | 1024, units: readonly string[]): { value: number; unit: number } {
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit += 1;
  }
  return { value, unit };
}

/**
 * Bytes as the docker CLI prints them (go-units `HumanSize`: decimal units, four significant digits, no
 * space): `0B`, `13B`, `1.985MB`, `2.1GB`. Berth uses the CLI's figures so they can be compared side by side.
 */
function cliSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return EMPTY_VALUE;
  const { value, unit } = scale(Math.abs(bytes), 1000, DECIMAL_UNITS);
  const digits = Number(value.toPrecision(4)).toString();
  return `${bytes < 0 ? '-' : ''}${digits}${DECIMAL_UNITS[unit]}`;
}

/** Decimal units, one decimal below 10, none above: `512 B`, `1.5 KB`, `23 MB`; unknown or negative is `—`. */
function roundedSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return EMPTY_VALUE;
  if (bytes < 1000) return `${bytes} B`;
  const { value, unit } = scale(bytes, 1000, ROUNDED_UNITS);
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${ROUNDED_UNITS[unit]}`;
}

/** Binary units, one decimal below 10: `1536` → `1.5 KiB`. */
function binarySize(bytes: number): string {
  const { value, unit } = scale(bytes, 1024, BINARY_UNITS);
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${BINARY_UNITS[unit]}`;
}

/** Memory as `docker info` prints it (go-units `BytesSize`): binary units, two decimals (`23.54GiB`). */
function cliMemory(bytes: number): string {
  const { value, unit } = scale(bytes, 1024, MEMORY_UNITS);
  return `${unit === 0 ? value : value.toFixed(2)}${MEMORY_UNITS[unit]}`;
}

/** 1024-based with decimal-looking labels (`1.5 KB`), as image saves have always reported progress. */
function transferSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const { value, unit } = scale(bytes, 1024, ROUNDED_UNITS);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${ROUNDED_UNITS[unit]}`;
}

const STYLES: Record<ByteStyle, (bytes: number) => string> = {
  cli: cliSize,
  rounded: roundedSize,
  binary: binarySize,
  'cli-memory': cliMemory,
  transfer: transferSize,
};

/** Bytes for people, in one of Berth's styles (see the table above); the docker CLI's style by default. */
export function formatBytes(bytes: number, style: ByteStyle = 'cli'): string {
  return STYLES[style](bytes);
}

/** Date.prototype.toLocaleString's own format, with one formatter for all calls (each call makes one otherwise). */
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** A moment (ms since the epoch) as `toLocaleString()` writes it, without its per-call cost (table tooltips). */
export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(ms);
}
