/** A run of text with one style, as the log view renders it (a `<span>` with classes, never HTML). */
export interface AnsiSegment {
  text: string;
  /** Foreground: `0`–`15` for the 16 classic colours, or a CSS colour for 256-colour/truecolour. */
  fg?: number | string;
  bg?: number | string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

type Style = Omit<AnsiSegment, 'text'>;

const CUBE = [0, 95, 135, 175, 215, 255];

/** The CSS colour of a 256-colour palette index from 16 up (the first 16 are themed classes). */
function palette256(index: number): string {
  if (index >= 232) {
    const level = 8 + (index - 232) * 10;
    return `rgb(${level}, ${level}, ${level})`;
  }
  const cube = index - 16;
  return `rgb(${CUBE[Math.floor(cube / 36) % 6]}, ${CUBE[Math.floor(cube / 6) % 6]}, ${CUBE[cube % 6]})`;
}

/** Reads `38;5;n` / `38;2;r;g;b` starting at `codes[i]` (the 5 or 2); returns the colour and the codes used. */
function extendedColour(codes: number[], i: number): [number | string | undefined, number] {
  if (codes[i] === 5) {
    const n = codes[i + 1];
    if (n === undefined || n < 0 || n > 255) return [undefined, 2];
    return [n < 16 ? n : palette256(n), 2];
  }
  if (codes[i] === 2) {
    const [r, g, b] = [codes[i + 1], codes[i + 2], codes[i + 3]].map((value) =>
      Math.min(255, Math.max(0, value ?? 0)),
    );
    return [`rgb(${r}, ${g}, ${b})`, 4];
  }
  return [undefined, 1];
}

function applySgr(style: Style, params: string): Style {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)));
  let next: Style = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 22) next = { ...next, bold: undefined, dim: undefined };
    else if (code === 23) next.italic = undefined;
    else if (code === 24) next.underline = undefined;
    else if (code === 27) next.inverse = undefined;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code === 39) next.fg = undefined;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 49) next.bg = undefined;
    else if (code === 38 || code === 48) {
      const [colour, used] = extendedColour(codes, i + 1);
      if (code === 38) next.fg = colour;
      else next.bg = colour;
      i += used;
    }
  }
  for (const key of Object.keys(next) as Array<keyof Style>) if (next[key] === undefined) delete next[key];
  return next;
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST; OSC 8 hyperlinks included), other ESC sequences, C0 controls.
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b\[([0-?]*)([ -/]*)([@-~])|\u001b\][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[PX^_][\s\S]*?(?:\u001b\\|$)|\u001b[ -/]*[0-~]?|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/g;

// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * Splits a log line into styled segments. Only SGR (colours, bold, …) becomes styling; every other escape
 * sequence — cursor moves, OSC titles and OSC 8 hyperlinks, device controls — and C0 control characters are
 * dropped, so nothing in a log can turn into a link, markup or a terminal command.
 */
export function parseAnsi(line: string): AnsiSegment[] {
  if (!line.includes('\u001b') && !CONTROLS.test(line)) {
    return line === '' ? [] : [{ text: line }];
  }
  const segments: AnsiSegment[] = [];
  let style: Style = {};
  let last = 0;
  const push = (text: string): void => {
    if (text === '') return;
    const previous = segments.at(-1);
    if (previous && sameStyle(previous, style)) previous.text += text;
    else segments.push({ text, ...style });
  };
  for (const match of line.matchAll(ESCAPES)) {
    push(line.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[3] === 'm' && match[2] === '' && /^[\d;:]*$/.test(match[1] ?? ''))
      style = applySgr(style, match[1] ?? '');
  }
  push(line.slice(last));
  return segments;
}

/** The line's text as a reader sees it (no escape sequences): what search and copy work on. */
export function stripAnsi(line: string): string {
  return parseAnsi(line)
    .map((segment) => segment.text)
    .join('');
}

function sameStyle(a: Style, b: Style): boolean {
  return (
    a.fg === b.fg &&
    a.bg === b.bg &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.inverse === b.inverse
  );
}
