/** `key=value` pairs, one per line, as entered in a form. */
interface ParsedPairs {
  pairs: Record<string, string>;
  /** 1-based line numbers with a problem, and what it is. */
  errors: string[];
}

/** Reads `key=value` lines (labels, driver options). Blank lines are ignored; a key may not repeat. */
export function parseKeyValueLines(text: string): ParsedPairs {
  const pairs: Record<string, string> = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const equals = line.indexOf('=');
    const key = (equals < 0 ? line : line.slice(0, equals)).trim();
    if (equals <= 0 || key === '') {
      errors.push(`Line ${index + 1}: write it as key=value.`);
      return;
    }
    if (Object.hasOwn(pairs, key)) {
      errors.push(`Line ${index + 1}: ${key} is given twice.`);
      return;
    }
    pairs[key] = line.slice(equals + 1).trim();
  });
  return { pairs, errors };
}
