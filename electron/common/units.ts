const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;

/**
 * Bytes as the docker CLI prints them (go-units `HumanSize`: decimal units, four significant digits, no
 * space): `0B`, `13B`, `1.985MB`, `2.1GB`. Berth uses the CLI's figures so they can be compared side by side.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  let size = Math.abs(bytes);
  let unit = 0;
  while (size >= 1000 && unit < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    unit += 1;
  }
  const digits = Number(size.toPrecision(4)).toString();
  return `${bytes < 0 ? '-' : ''}${digits}${DECIMAL_UNITS[unit]}`;
}
