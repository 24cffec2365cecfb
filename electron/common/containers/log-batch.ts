import type { LogLine, LogStreamKind, PackedLogLines } from './details';

const STDERR = 1;

/**
 * Packs log lines as they come (main's line assembler feeds it) into one `PackedLogLines`: texts and timestamps
 * are kept as parts and joined once, offsets and flags go into typed arrays that grow by doubling.
 */
export class LogBatchBuilder {
  private texts: string[] = [];
  private stamps: string[] = [];
  private ends = new Uint32Array(256);
  private tsEnds = new Uint32Array(256);
  private flags = new Uint8Array(256);
  private cuts: Array<[number, number]> | undefined;
  private textLength = 0;
  private tsLength = 0;
  /** Lines pushed. */
  lines = 0;

  /** Characters of text pushed (what batch limits and backpressure count). */
  get chars(): number {
    return this.textLength;
  }

  push(stream: LogStreamKind, text: string, ts?: string, cut?: number): void {
    if (this.lines === this.ends.length) this.grow();
    this.texts.push(text);
    this.textLength += text.length;
    this.ends[this.lines] = this.textLength;
    if (ts !== undefined && ts !== '') {
      this.stamps.push(ts);
      this.tsLength += ts.length;
    }
    this.tsEnds[this.lines] = this.tsLength;
    this.flags[this.lines] = stream === 'stderr' ? STDERR : 0;
    if (cut !== undefined && cut > 0) (this.cuts ??= []).push([this.lines, cut]);
    this.lines += 1;
  }

  /** The packed lines (the builder must not be used afterwards). */
  build(): PackedLogLines {
    const packed: PackedLogLines = {
      text: this.texts.join(''),
      ends: this.ends.slice(0, this.lines),
      ts: this.stamps.join(''),
      tsEnds: this.tsEnds.slice(0, this.lines),
      flags: this.flags.slice(0, this.lines),
    };
    if (this.cuts) packed.cuts = this.cuts;
    return packed;
  }

  private grow(): void {
    const size = this.ends.length * 2;
    const ends = new Uint32Array(size);
    ends.set(this.ends);
    this.ends = ends;
    const tsEnds = new Uint32Array(size);
    tsEnds.set(this.tsEnds);
    this.tsEnds = tsEnds;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }
}

/** Packs lines (tests, and lines read by other means). */
export function packLogLines(lines: readonly LogLine[]): PackedLogLines {
  const builder = new LogBatchBuilder();
  for (const line of lines) builder.push(line.stream, line.text, line.ts, line.cut);
  return builder.build();
}

/** Line `index` of a packed batch: its text (a slice of the batch's string). */
export function packedText(packed: PackedLogLines, index: number): string {
  return packed.text.slice(index === 0 ? 0 : packed.ends[index - 1], packed.ends[index]);
}

/** Line `index`'s daemon timestamp, if it has one. */
export function packedTimestamp(packed: PackedLogLines, index: number): string | undefined {
  const start = index === 0 ? 0 : (packed.tsEnds[index - 1] ?? 0);
  const end = packed.tsEnds[index] ?? 0;
  return end > start ? packed.ts.slice(start, end) : undefined;
}

export function packedStream(packed: PackedLogLines, index: number): LogStreamKind {
  return ((packed.flags[index] ?? 0) & STDERR) !== 0 ? 'stderr' : 'stdout';
}

/** Line `index` as an object (only for the few lines a view shows, or in tests). */
export function packedLine(packed: PackedLogLines, index: number): LogLine {
  const line: LogLine = { stream: packedStream(packed, index), text: packedText(packed, index) };
  const ts = packedTimestamp(packed, index);
  if (ts !== undefined) line.ts = ts;
  const cut = packed.cuts?.find(([at]) => at === index)?.[1];
  if (cut !== undefined) line.cut = cut;
  return line;
}

/** Every line of a packed batch as objects. */
export function logBatchLines(packed: PackedLogLines): LogLine[] {
  return Array.from({ length: packed.ends.length }, (_, index) => packedLine(packed, index));
}
