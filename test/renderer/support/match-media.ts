/**
 * A `matchMedia` for jsdom (which has none) whose answers tests control: `prefers-color-scheme: dark`
 * follows {@link setPrefersDark}, and changing it notifies listeners like a real OS theme switch.
 */
type Listener = (event: MediaQueryListEvent) => void;

let prefersDark = false;
const lists = new Set<{ media: string; listeners: Set<Listener>; list: MediaQueryList }>();

function evaluate(media: string): boolean {
  if (media.includes('prefers-color-scheme: dark')) return prefersDark;
  if (media.includes('prefers-color-scheme: light')) return !prefersDark;
  return false;
}

function matchMedia(media: string): MediaQueryList {
  const listeners = new Set<Listener>();
  const list = {
    media,
    get matches() {
      return evaluate(media);
    },
    onchange: null,
    addEventListener: (_type: string, listener: Listener) => listeners.add(listener),
    removeEventListener: (_type: string, listener: Listener) => listeners.delete(listener),
    addListener: (listener: Listener) => listeners.add(listener),
    removeListener: (listener: Listener) => listeners.delete(listener),
    dispatchEvent: () => true,
  } as unknown as MediaQueryList;
  lists.add({ media, listeners, list });
  return list;
}

/** Installs the fake on `window`. */
export function installMatchMedia(): void {
  Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: matchMedia });
}

/** Sets the OS color preference and notifies every query that depends on it. */
export function setPrefersDark(value: boolean): void {
  prefersDark = value;
  for (const { media, listeners } of lists) {
    if (!media.includes('prefers-color-scheme')) continue;
    const event = { matches: evaluate(media), media } as MediaQueryListEvent;
    for (const listener of listeners) listener(event);
  }
}

/** Back to a light OS preference and no live queries (between tests). */
export function resetMatchMedia(): void {
  prefersDark = false;
  lists.clear();
}
