/** The list order of text: numbers by value (`web-2` before `web-10`), case and accents ignored. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The punctuation and symbols a sort key may hold, in the collator's own order (measured once here, so the keys
 * agree with it by construction): each maps to one code below the digits' marker, and letters sort above it.
 */
const SYMBOLS = [...' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$'].sort(collator.compare);
const SYMBOL_CODE = new Map(SYMBOLS.map((symbol, index) => [symbol, String.fromCharCode(1 + index)]));
/** Starts a run of digits in a key: above every symbol code, below the letters. */
const DIGITS = '0';
const SIMPLE = /^[A-Za-z0-9 _\-,;:!?.'"()[\]{}@*/\\&#%`^+<=>|~$]*$/;

const keys = new Map<string, string | null>();
const MAX_KEYS = 50_000;

/**
 * A string whose plain `<` order is the collator's, for text of ASCII letters, digits and the symbols above (every
 * container name, image reference and status); null for any other text. Letters lower-cased (base sensitivity), a
 * run of digits as the marker, its length without leading zeros and the digits (numbers compare by value, and
 * `007` equals `7` as the collator has it).
 */
function sortKey(text: string): string | null {
  let key = keys.get(text);
  if (key !== undefined) return key;
  key = SIMPLE.test(text)
    ? text
        .toLowerCase()
        .replace(/[0-9]+|[^a-z]/g, (run) =>
          /[0-9]/.test(run)
            ? ((digits) => DIGITS + String.fromCharCode(0x21 + digits.length) + digits)(
                run.replace(/^0+/, ''),
              )
            : (SYMBOL_CODE.get(run) ?? run),
        )
    : null;
  // Statuses change ("Up 3 minutes"): start over rather than grow without bound.
  if (keys.size >= MAX_KEYS) keys.clear();
  keys.set(text, key);
  return key;
}

/**
 * Compares two texts as `Intl.Collator('en', { numeric: true, sensitivity: 'base' })` does, about twenty times
 * faster for the texts lists sort by (the collator's numeric mode costs microseconds a call: sorting 5,000 rows by
 * name took a quarter of a second on a loaded machine).
 */
export function compareText(a: string, b: string): number {
  const left = sortKey(a);
  const right = sortKey(b);
  if (left === null || right === null) return collator.compare(a, b);
  return left < right ? -1 : left > right ? 1 : 0;
}
