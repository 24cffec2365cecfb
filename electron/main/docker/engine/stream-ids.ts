import { randomBytes } from 'node:crypto';

let counter = 0;

/** A fresh id for a stream or session: `<kind>-<n>-<8 hex>`, as `streamIdSchema` accepts. */
export function newStreamId(kind: 'logs' | 'exec' | 'stats'): string {
  counter += 1;
  return `${kind}-${counter}-${randomBytes(4).toString('hex')}`;
}
