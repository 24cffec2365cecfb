/**
 * A JSON-safe encoding of structured-clonable values, used for IPC between the page and the double's Node side.
 *
 * Electron sends IPC arguments with the structured clone algorithm. Both sides here first run the platform's own
 * `structuredClone` (so non-clonable values fail exactly as they would, e.g. functions), then encode the clone
 * with this codec, which keeps what JSON loses: `undefined`, NaN/±Infinity/-0, BigInt, Date, RegExp, Map, Set,
 * ArrayBuffer, typed arrays (a Node Buffer arrives as a Uint8Array, as in Electron), Error, boxed primitives and
 * shared or circular references.
 *
 * `createWireCodec` must stay self-contained (no imports, no module-level helpers): the page runtime receives it
 * as source text through `Function.prototype.toString`.
 */

/** One encoded value: JSON primitives stand for themselves, everything else is a tagged object. */
export type WireValue =
  | string
  | boolean
  | number
  | null
  | { t: 'u' }
  | { t: 'n'; v: 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { t: 'big'; v: string }
  | { t: 'ref'; id: number }
  | { t: 'arr'; id: number; v: WireValue[] }
  | { t: 'obj'; id: number; v: [string, WireValue][] }
  | { t: 'date'; v: number }
  | { t: 're'; source: string; flags: string }
  | { t: 'map'; id: number; v: [WireValue, WireValue][] }
  | { t: 'set'; id: number; v: WireValue[] }
  | { t: 'ab'; id: number; v: string }
  | { t: 'view'; id: number; kind: string; v: string }
  | { t: 'err'; id: number; name: string; message: string; stack?: string; cause?: WireValue }
  | { t: 'box'; kind: 'Boolean' | 'Number' | 'String'; v: WireValue };

export interface WireCodec {
  /** Encodes a value that has already been through `structuredClone`. Throws on anything it cannot carry. */
  encode(value: unknown): WireValue;
  decode(wire: WireValue): unknown;
}

export function createWireCodec(): WireCodec {
  const viewKinds = [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
    'BigInt64Array',
    'BigUint64Array',
    'DataView',
  ];
  const errorNames = [
    'Error',
    'EvalError',
    'RangeError',
    'ReferenceError',
    'SyntaxError',
    'TypeError',
    'URIError',
  ];
  type ViewConstructor = new (buffer: ArrayBuffer, byteOffset?: number, length?: number) => ArrayBufferView;
  const globals = globalThis as unknown as Record<string, unknown>;

  function bytesToBase64(bytes: Uint8Array): string {
    let binary = '';
    const chunk = 0x8000;
    for (let index = 0; index < bytes.length; index += chunk) {
      binary += String.fromCharCode(...bytes.subarray(index, index + chunk));
    }
    return btoa(binary);
  }

  function base64ToBytes(text: string): Uint8Array {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
    return bytes;
  }

  function tagOf(value: object): string {
    return Object.prototype.toString.call(value).slice(8, -1);
  }

  function encode(value: unknown): WireValue {
    const seen = new Map<object, number>();
    const walk = (current: unknown): WireValue => {
      if (current === undefined) return { t: 'u' };
      if (current === null || typeof current === 'string' || typeof current === 'boolean') return current;
      if (typeof current === 'number') {
        if (Number.isNaN(current)) return { t: 'n', v: 'NaN' };
        if (current === Infinity) return { t: 'n', v: 'Infinity' };
        if (current === -Infinity) return { t: 'n', v: '-Infinity' };
        if (Object.is(current, -0)) return { t: 'n', v: '-0' };
        return current;
      }
      if (typeof current === 'bigint') return { t: 'big', v: current.toString() };
      if (typeof current !== 'object') {
        throw new TypeError(`A ${typeof current} could not be cloned.`);
      }
      const known = seen.get(current);
      if (known !== undefined) return { t: 'ref', id: known };
      const id = seen.size;
      seen.set(current, id);
      const tag = tagOf(current);
      if (Array.isArray(current)) {
        const items: WireValue[] = [];
        for (let index = 0; index < current.length; index += 1) items.push(walk(current[index]));
        return { t: 'arr', id, v: items };
      }
      if (tag === 'Date') return { t: 'date', v: (current as Date).getTime() };
      if (tag === 'RegExp') {
        const pattern = current as RegExp;
        return { t: 're', source: pattern.source, flags: pattern.flags };
      }
      if (tag === 'Map') {
        const entries: [WireValue, WireValue][] = [];
        for (const [key, item] of current as Map<unknown, unknown>) entries.push([walk(key), walk(item)]);
        return { t: 'map', id, v: entries };
      }
      if (tag === 'Set') {
        const items: WireValue[] = [];
        for (const item of current as Set<unknown>) items.push(walk(item));
        return { t: 'set', id, v: items };
      }
      if (tag === 'ArrayBuffer')
        return { t: 'ab', id, v: bytesToBase64(new Uint8Array(current as ArrayBuffer)) };
      if (ArrayBuffer.isView(current)) {
        const view = current;
        const kind = view instanceof DataView ? 'DataView' : tag;
        if (!viewKinds.includes(kind)) throw new TypeError(`A ${kind} could not be cloned.`);
        const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
        return { t: 'view', id, kind, v: bytesToBase64(bytes) };
      }
      if (tag === 'Error' || current instanceof Error) {
        const error = current as Error;
        const encoded: WireValue = {
          t: 'err',
          id,
          name: errorNames.includes(error.name) ? error.name : 'Error',
          message: String(error.message),
        };
        if (typeof error.stack === 'string') encoded.stack = error.stack;
        if ('cause' in error) encoded.cause = walk(error.cause);
        return encoded;
      }
      if (tag === 'Boolean' || tag === 'Number' || tag === 'String') {
        return { t: 'box', kind: tag, v: walk((current as { valueOf(): unknown }).valueOf()) };
      }
      if (tag !== 'Object') {
        throw new TypeError(`A ${tag} could not be cloned by the e2e double's IPC.`);
      }
      const entries: [string, WireValue][] = [];
      for (const key of Object.keys(current)) {
        entries.push([key, walk((current as Record<string, unknown>)[key])]);
      }
      return { t: 'obj', id, v: entries };
    };
    return walk(value);
  }

  function decode(wire: WireValue): unknown {
    const byId = new Map<number, unknown>();
    const walk = (current: WireValue): unknown => {
      if (current === null || typeof current !== 'object') return current;
      switch (current.t) {
        case 'u':
          return undefined;
        case 'n':
          return current.v === '-0' ? -0 : Number(current.v);
        case 'big':
          return BigInt(current.v);
        case 'ref':
          return byId.get(current.id);
        case 'arr': {
          const items: unknown[] = [];
          byId.set(current.id, items);
          for (const item of current.v) items.push(walk(item));
          return items;
        }
        case 'obj': {
          const target: Record<string, unknown> = {};
          byId.set(current.id, target);
          for (const [key, item] of current.v) target[key] = walk(item);
          return target;
        }
        case 'date':
          return new Date(current.v);
        case 're':
          return new RegExp(current.source, current.flags);
        case 'map': {
          const target = new Map<unknown, unknown>();
          byId.set(current.id, target);
          for (const [key, item] of current.v) target.set(walk(key), walk(item));
          return target;
        }
        case 'set': {
          const target = new Set<unknown>();
          byId.set(current.id, target);
          for (const item of current.v) target.add(walk(item));
          return target;
        }
        case 'ab': {
          const buffer = base64ToBytes(current.v).buffer;
          byId.set(current.id, buffer);
          return buffer;
        }
        case 'view': {
          const bytes = base64ToBytes(current.v);
          const constructor = globals[current.kind] as ViewConstructor;
          const width =
            current.kind === 'DataView'
              ? 1
              : ((constructor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT ?? 1);
          const view =
            current.kind === 'DataView'
              ? new constructor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength)
              : new constructor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / width);
          byId.set(current.id, view);
          return view;
        }
        case 'err': {
          const constructor = (globals[current.name] ?? Error) as ErrorConstructor;
          const error = new constructor(current.message);
          byId.set(current.id, error);
          if (current.stack !== undefined) error.stack = current.stack;
          if (current.cause !== undefined) error.cause = walk(current.cause);
          return error;
        }
        case 'box': {
          const inner = walk(current.v);
          return current.kind === 'Boolean'
            ? new Boolean(inner)
            : current.kind === 'Number'
              ? new Number(inner)
              : new String(inner);
        }
      }
    };
    return walk(wire);
  }

  return { encode, decode };
}
