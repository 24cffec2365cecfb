import {
  type LogLine,
  type PackedLogLines,
  packedStream,
  packedText,
  packedTimestamp,
} from '../../../../../electron/common/bridge';

/** The default number of lines a log view keeps (Docker Desktop's cap). */
export const DEFAULT_LOG_CAPACITY = 100_000;

/** Characters of text a log view keeps at most, whatever the line count (very long lines). */
export const DEFAULT_LOG_CHARS = 32_000_000;

/** A line as a view draws it; `seq` identifies it for as long as the view lives (never reused). */
export interface LogRow extends LogLine {
  readonly seq: number;
}

/** One batch as main packed it, kept whole: its line `offset + i` has sequence number `start + i`. */
interface Chunk {
  readonly packed: PackedLogLines;
  readonly start: number;
  readonly count: number;
  readonly offset: number;
}

/** Rows made for drawing are cached (by `seq`) so a row keeps its identity between frames (memoised views). */
const ROW_CACHE_SIZE = 2048;

/**
 * The lines of one log view, bounded: a ring of the packed batches main sends (one string and typed arrays each),
 * never an object per line. Appending past `capacity` lines (or `maxChars` characters) drops the oldest, so memory
 * stays flat however long a container is followed. Index 0 is the oldest line kept; objects are made only for the
 * lines drawn. `dropped` counts lines evicted.
 */
export class LogRing {
  private chunks: Chunk[] = [];
  /** Index in `chunks` of the oldest chunk still holding a kept line (the array is compacted now and then). */
  private first = 0;
  /** Sequence number of the oldest kept line, and one past the newest. */
  private head = 0;
  private tail = 0;
  /** Characters of text of the chunks held (whole chunks, including evicted lines they still carry). */
  private chars = 0;
  private rows = new Map<number, LogRow>();
  dropped = 0;
  /** Lines appended since the view opened (what main sent), dropped ones included. */
  received = 0;
  /** Lines put in front by "load earlier". */
  prepended = 0;
  /** Increases on every change, for views that re-render on it. */
  revision = 0;
  /** Sequence numbers of the first line after each resume of the stream (its host came back). */
  private resumed: number[] = [];

  constructor(
    readonly capacity = DEFAULT_LOG_CAPACITY,
    readonly maxChars = DEFAULT_LOG_CHARS,
  ) {}

  get length(): number {
    return this.tail - this.head;
  }

  /** The line at `index` (0 = oldest kept) for drawing; the same object while it stays cached. */
  at(index: number): LogRow | undefined {
    const seq = this.head + index;
    const cached = this.rows.get(seq);
    if (cached) return cached;
    const found = this.locate(index);
    if (!found) return undefined;
    const { packed } = found.chunk;
    const row: LogRow = { seq, stream: packedStream(packed, found.at), text: packedText(packed, found.at) };
    const ts = packedTimestamp(packed, found.at);
    if (ts !== undefined) row.ts = ts;
    const cut = packed.cuts?.find(([at]) => at === found.at)?.[1];
    if (cut !== undefined) row.cut = cut;
    if (this.rows.size >= ROW_CACHE_SIZE) this.rows.clear();
    this.rows.set(seq, row);
    return row;
  }

  /** The text of the line at `index` only (search walks every line without making objects). */
  textAt(index: number): string | undefined {
    const found = this.locate(index);
    return found ? packedText(found.chunk.packed, found.at) : undefined;
  }

  /** The timestamp of the line at `index`. */
  timestampAt(index: number): string | undefined {
    const found = this.locate(index);
    return found ? packedTimestamp(found.chunk.packed, found.at) : undefined;
  }

  /** The oldest line kept (where "load earlier" continues from). */
  firstLine(): LogRow | undefined {
    return this.at(0);
  }

  append(packed: PackedLogLines): void {
    const count = packed.ends.length;
    if (count === 0) return;
    this.chunks.push({ packed, start: this.tail, count, offset: 0 });
    this.tail += count;
    this.received += count;
    this.chars += packed.text.length;
    this.evict();
    this.revision += 1;
  }

  /** The stream resumed after its host came back: the next line gets a "reconnected" mark. */
  markResumed(): void {
    if (this.resumed.at(-1) !== this.tail) this.resumed.push(this.tail);
    this.revision += 1;
  }

  /** Whether the line at `index` is the first after a resume. */
  resumedAt(index: number): boolean {
    return this.resumed.length > 0 && this.resumed.includes(this.head + index);
  }

  /** Puts older lines in front (load earlier); what does not fit is dropped from their old end. */
  prepend(packed: PackedLogLines): number {
    const count = packed.ends.length;
    const kept = Math.min(count, Math.max(0, this.capacity - this.length));
    if (kept === 0) return 0;
    this.compact();
    // The oldest chunk may still carry evicted lines before `head`: it is narrowed so that sequence numbers stay
    // in order, and the rows cached for those numbers are forgotten (the prepended lines take them).
    const oldest = this.chunks[0];
    if (oldest && oldest.start < this.head) {
      const skip = this.head - oldest.start;
      this.chunks[0] = {
        ...oldest,
        start: this.head,
        count: oldest.count - skip,
        offset: oldest.offset + skip,
      };
    }
    this.rows.clear();
    this.chunks.unshift({ packed, start: this.head - count, count, offset: 0 });
    this.head -= kept;
    this.prepended += kept;
    this.chars += packed.text.length;
    this.revision += 1;
    return kept;
  }

  clear(): void {
    this.resumed = [];
    this.chunks = [];
    this.first = 0;
    this.head = this.tail;
    this.chars = 0;
    this.dropped = 0;
    this.rows.clear();
    this.revision += 1;
  }

  /** Every kept line, oldest first (copy). */
  toArray(): LogLine[] {
    return Array.from({ length: this.length }, (_, index) => this.lineAt(index));
  }

  private lineAt(index: number): LogLine {
    const row = this.at(index);
    if (!row) throw new RangeError(`no line ${index}`);
    const { seq: _seq, ...line } = row;
    return line;
  }

  /** The chunk holding line `index` and the line's index in it (binary search over the chunks). */
  private locate(index: number): { chunk: Chunk; at: number } | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const seq = this.head + index;
    let low = this.first;
    let high = this.chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.chunks[middle]?.start ?? Infinity) <= seq) low = middle;
      else high = middle - 1;
    }
    const chunk = this.chunks[low];
    return chunk ? { chunk, at: seq - chunk.start + chunk.offset } : undefined;
  }

  /** Drops the oldest lines beyond the bounds, and the chunks left with none. */
  private evict(): void {
    const excess = this.length - this.capacity;
    if (excess > 0) this.advanceHead(this.head + excess);
    // Too many characters: whole oldest chunks go (the newest always stays).
    while (this.chars > this.maxChars && this.chunks.length - this.first > 1) {
      const oldest = this.chunks[this.first];
      if (!oldest) break;
      this.advanceHead(oldest.start + oldest.count);
    }
    if (this.first > 64 && this.first * 2 > this.chunks.length) this.compact();
  }

  private advanceHead(to: number): void {
    this.dropped += to - this.head;
    this.head = to;
    for (let chunk = this.chunks[this.first]; chunk && chunk.start + chunk.count <= this.head;) {
      this.chars -= chunk.packed.text.length;
      this.first += 1;
      chunk = this.chunks[this.first];
    }
  }

  private compact(): void {
    if (this.first === 0) return;
    this.chunks = this.chunks.slice(this.first);
    this.first = 0;
  }
}
