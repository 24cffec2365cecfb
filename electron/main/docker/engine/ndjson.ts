import { StringDecoder } from 'node:string_decoder';

/** A line of a newline-delimited JSON stream that could not be used. */
export class NdjsonLineError extends Error {
  /** The offending line (truncated to 200 characters). */
  readonly line: string;

  constructor(message: string, line: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NdjsonLineError';
    this.line = line.length > 200 ? `${line.slice(0, 200)}…` : line;
  }
}

interface NdjsonHandlers {
  /** One parsed line; `line` is its exact text (for fields JSON numbers cannot hold, like `timeNano`). */
  onValue(value: unknown, line: string): void;
  /** A malformed or oversized line, or an exception thrown by `onValue`. Never thrown. */
  onError(error: Error): void;
}

interface NdjsonOptions {
  /** A line longer than this is dropped (and reported) instead of buffered forever. Default 16 MiB. */
  maxLineLength?: number;
}

/**
 * Splits a byte stream into JSON values, one per line (NDJSON / JSON Lines). Chunk boundaries may fall anywhere,
 * including inside a multi-byte UTF-8 character; `\r\n` and empty lines are accepted. Nothing here throws: every
 * problem goes to `onError` and parsing continues with the next line.
 */
export class NdjsonParser {
  private readonly decoder = new StringDecoder('utf8');
  private readonly maxLineLength: number;
  private buffered = '';
  /** Set while skipping the rest of an oversized line. */
  private discarding = false;

  constructor(
    private readonly handlers: NdjsonHandlers,
    options: NdjsonOptions = {},
  ) {
    this.maxLineLength = options.maxLineLength ?? 16 * 1024 * 1024;
  }

  /** Feeds one chunk. */
  push(chunk: Buffer | Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(Buffer.from(chunk));
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline !== -1) {
      const piece = text.slice(start, newline);
      if (this.discarding) {
        this.discarding = false;
      } else {
        this.emitLine(this.buffered + piece);
      }
      this.buffered = '';
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    if (this.discarding) return;
    this.buffered += text.slice(start);
    if (this.buffered.length > this.maxLineLength) {
      this.report(
        new NdjsonLineError(
          `A line longer than ${this.maxLineLength} characters was dropped.`,
          this.buffered,
        ),
      );
      this.buffered = '';
      this.discarding = true;
    }
  }

  /** Flushes a last line that had no trailing newline. */
  end(): void {
    const rest = this.buffered + this.decoder.end();
    this.buffered = '';
    if (!this.discarding) this.emitLine(rest);
    this.discarding = false;
  }

  private emitLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      this.report(new NdjsonLineError('A line is not valid JSON.', line, { cause: error }));
      return;
    }
    try {
      this.handlers.onValue(value, line);
    } catch (error) {
      this.report(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private report(error: Error): void {
    try {
      this.handlers.onError(error);
    } catch {
      // A throwing error handler must not escape into a stream's 'data' event (it would crash the process).
    }
  }
}
