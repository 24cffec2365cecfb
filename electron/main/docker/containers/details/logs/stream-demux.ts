/** The stream a piece of multiplexed output belongs to (Docker's `stdcopy` header byte: 0 stdin, 1 stdout, 2 stderr). */
export type DemuxedStream = 'stdout' | 'stderr';

interface DemuxHandlers {
  /**
   * A frame's payload, or a piece of it. `continued` is true when the piece continues the previous frame (only for
   * frames longer than `maxBufferedFrame`, which are passed on as they arrive rather than buffered whole).
   */
  onFrame(stream: DemuxedStream, payload: Buffer, continued: boolean): void;
}

interface DemuxOptions {
  /** Frames up to this size are delivered whole; longer ones in pieces. Default 1 MiB. */
  maxBufferedFrame?: number;
}

const HEADER_LENGTH = 8;

/**
 * Splits Docker's multiplexed attach/logs stream (non-TTY containers) into stdout and stderr. Each frame is an
 * 8-byte header (stream type 0/1/2, three zero bytes, big-endian uint32 length) and its payload; headers and
 * payloads may be split across chunks anywhere. Zero-length frames are skipped. A header that is not a valid
 * `stdcopy` header switches the demuxer to raw mode for the rest of the stream: everything from there on,
 * including that header, is delivered as stdout, so no byte is lost. Nothing here throws.
 */
export class StreamDemuxer {
  private readonly maxBufferedFrame: number;
  private header = Buffer.alloc(HEADER_LENGTH);
  private headerFill = 0;
  /** Bytes of the current frame's payload still to come; 0 while reading a header. */
  private remaining = 0;
  private stream: DemuxedStream = 'stdout';
  /** Pieces of the current frame, when it is buffered whole. */
  private pieces: Buffer[] = [];
  private buffering = false;
  /** A piece of the current frame was already delivered, so later ones continue it. */
  private started = false;
  private raw = false;

  constructor(
    private readonly handlers: DemuxHandlers,
    options: DemuxOptions = {},
  ) {
    this.maxBufferedFrame = options.maxBufferedFrame ?? 1024 * 1024;
  }

  /** Whether an invalid header switched the stream to raw mode. */
  get isRaw(): boolean {
    return this.raw;
  }

  push(chunk: Buffer): void {
    if (this.raw) {
      if (chunk.length > 0) this.handlers.onFrame('stdout', chunk, true);
      return;
    }
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(HEADER_LENGTH - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < HEADER_LENGTH) return;
        this.headerFill = 0;
        if (!this.validHeader()) {
          this.raw = true;
          this.handlers.onFrame('stdout', Buffer.concat([this.header, chunk.subarray(offset)]), false);
          return;
        }
        const length = this.header.readUInt32BE(4);
        if (length === 0) continue;
        this.stream = this.header[0] === 2 ? 'stderr' : 'stdout';
        this.remaining = length;
        this.buffering = length <= this.maxBufferedFrame;
        this.started = false;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      const piece = chunk.subarray(offset, offset + take);
      offset += take;
      this.remaining -= take;
      if (this.buffering) {
        this.pieces.push(piece);
        if (this.remaining === 0) {
          const payload = this.pieces.length === 1 ? Buffer.from(piece) : Buffer.concat(this.pieces);
          this.pieces = [];
          this.handlers.onFrame(this.stream, payload, false);
        }
      } else {
        this.handlers.onFrame(this.stream, Buffer.from(piece), this.started);
        this.started = true;
      }
    }
  }

  /** The stream ended: a frame cut short is delivered as it is, and a partial header as raw stdout. */
  end(): void {
    if (this.raw) return;
    if (this.remaining > 0 && this.buffering && this.pieces.length > 0) {
      this.handlers.onFrame(this.stream, Buffer.concat(this.pieces), false);
    }
    if (this.remaining === 0 && this.headerFill > 0) {
      this.handlers.onFrame('stdout', Buffer.from(this.header.subarray(0, this.headerFill)), false);
    }
    this.pieces = [];
    this.remaining = 0;
    this.headerFill = 0;
  }

  private validHeader(): boolean {
    const type = this.header[0] ?? 255;
    return type <= 2 && this.header[1] === 0 && this.header[2] === 0 && this.header[3] === 0;
  }
}
