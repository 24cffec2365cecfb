/** Whether an Engine API version (`1.41`) is at least `minimum`; an unknown version counts as old. */
export function apiVersionAtLeast(version: string | undefined, minimum: string): boolean {
  if (version === undefined) return false;
  const parse = (text: string): number[] => text.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const have = parse(version);
  const want = parse(minimum);
  for (let index = 0; index < Math.max(have.length, want.length); index++) {
    const a = have[index] ?? 0;
    const b = want[index] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}
