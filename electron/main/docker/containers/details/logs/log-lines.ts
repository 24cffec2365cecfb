import { StringDecoder } from 'node:string_decoder';

import type { LogStreamKind } from '../../../../../common';

/** The daemon's log copier cuts lines longer than this into partial messages, each with its own timestamp. */
const DAEMON_MESSAGE_BYTES = 16 * 1024;

/** Longest line Berth carries (characters); the rest is counted in `cut`. */
const MAX_LINE_LENGTH = 1024 * 1024;

const NEWLINE = 0x0a;
const SPACE = 0x20;
/** `2006-01-02T15:04:05.000000000Z07:00` is at most 35 characters. */
const MAX_TIMESTAMP_BYTES = 40;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

interface LogLineAssemblerOptions {
  /** The stream carries a `<RFC 3339> ` prefix at the start of every daemon log message. */
  timestamps: boolean;
  /** One line (no object per line: a fast log goes straight into a packed batch). */
  onLine(stream: LogStreamKind, text: string, ts: string | undefined, cut: number): void;
  maxLineLength?: number;
}

interface StreamState {
  readonly stream: LogStreamKind;
  readonly decoder: StringDecoder;
  parts: string[];
  length: number;
  cut: number;
  ts?: string;
  /** A line has begun (some content, or its timestamp, was seen). */
  open: boolean;
  /** The next bytes start a daemon message, i.e. a timestamp prefix. */
  expectTimestamp: boolean;
  /** Bytes of a timestamp prefix split across chunks. */
  prefix: Buffer[];
  prefixLength: number;
  /** Content bytes of the current daemon message (TTY streams: for the 16 KiB partial-message rule). */
  messageBytes: number;
}

/**
 * Turns a container's log output into lines, per stream: UTF-8 decoded with a `StringDecoder` per stream (a
 * character split across chunks or frames stays whole), `\r\n` and `\n` endings, the daemon's timestamp prefix
 * taken off into `ts`. A line longer than the daemon's 16 KiB message size arrives as several messages, each with
 * a timestamp: the line keeps the first and the others are dropped. Non-TTY output comes as demultiplexed frames
 * (one frame per daemon message); TTY output is one raw byte stream where a message ends at a newline or after
 * 16 KiB.
 */
export class LogLineAssembler {
  private readonly maxLineLength: number;
  private readonly states: Record<LogStreamKind, StreamState>;

  constructor(private readonly options: LogLineAssemblerOptions) {
    this.maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;
    this.states = { stdout: this.newState('stdout'), stderr: this.newState('stderr') };
  }

  /** One demultiplexed frame (or a piece of one, `continued`) of a non-TTY stream. */
  pushFrame(stream: LogStreamKind, payload: Buffer, continued: boolean): void {
    const state = this.states[stream];
    if (!continued && this.options.timestamps) this.startMessage(state);
    this.consume(state, payload, false);
  }

  /** A chunk of a TTY container's raw output. */
  pushRaw(chunk: Buffer): void {
    this.consume(this.states.stdout, chunk, true);
  }

  /** Flushes unfinished lines (the stream ended). */
  end(): void {
    for (const state of [this.states.stdout, this.states.stderr]) {
      if (state.prefixLength > 0) this.flushPrefixAsContent(state);
      const rest = state.decoder.end();
      if (rest !== '') this.append(state, rest);
      if (state.open) this.finishLine(state);
    }
  }

  private newState(stream: LogStreamKind): StreamState {
    return {
      stream,
      decoder: new StringDecoder('utf8'),
      parts: [],
      length: 0,
      cut: 0,
      open: false,
      expectTimestamp: this.options.timestamps,
      prefix: [],
      prefixLength: 0,
      messageBytes: 0,
    };
  }

  private startMessage(state: StreamState): void {
    if (state.prefixLength > 0) this.flushPrefixAsContent(state);
    state.expectTimestamp = true;
    state.messageBytes = 0;
  }

  private consume(state: StreamState, bytes: Buffer, tty: boolean): void {
    let offset = 0;
    while (offset < bytes.length) {
      if (state.expectTimestamp) {
        offset = this.readPrefix(state, bytes, offset);
        continue;
      }
      let end = bytes.length;
      if (tty && this.options.timestamps) {
        end = Math.min(end, offset + (DAEMON_MESSAGE_BYTES - state.messageBytes));
      }
      const newline = bytes.indexOf(NEWLINE, offset);
      if (newline !== -1 && newline < end) {
        this.appendBytes(state, bytes, offset, newline);
        const rest = state.decoder.end();
        if (rest !== '') this.append(state, rest);
        this.finishLine(state);
        offset = newline + 1;
        if (this.options.timestamps) this.startMessage(state);
        continue;
      }
      this.appendBytes(state, bytes, offset, end);
      state.messageBytes += end - offset;
      offset = end;
      if (tty && this.options.timestamps && state.messageBytes >= DAEMON_MESSAGE_BYTES) {
        this.startMessage(state);
      }
    }
  }

  /** Reads (part of) a timestamp prefix; returns the offset after what it consumed. */
  private readPrefix(state: StreamState, bytes: Buffer, offset: number): number {
    const room = MAX_TIMESTAMP_BYTES + 1 - state.prefixLength;
    const space = bytes.indexOf(SPACE, offset);
    if (space === -1 || space - offset >= room) {
      const take = Math.min(bytes.length - offset, room);
      state.prefix.push(bytes.subarray(offset, offset + take));
      state.prefixLength += take;
      if (state.prefixLength > MAX_TIMESTAMP_BYTES) this.flushPrefixAsContent(state);
      return offset + take;
    }
    const candidate =
      state.prefixLength === 0
        ? bytes.toString('latin1', offset, space)
        : Buffer.concat([...state.prefix, bytes.subarray(offset, space)]).toString('latin1');
    if (TIMESTAMP.test(candidate)) {
      state.prefix = [];
      state.prefixLength = 0;
      state.expectTimestamp = false;
      if (!state.open) {
        state.open = true;
        state.ts = candidate;
      }
      return space + 1;
    }
    // Not a timestamp after all: what was held back is content.
    state.prefix.push(bytes.subarray(offset, space));
    state.prefixLength += space - offset;
    this.flushPrefixAsContent(state);
    return space;
  }

  private flushPrefixAsContent(state: StreamState): void {
    const held = Buffer.concat(state.prefix);
    state.prefix = [];
    state.prefixLength = 0;
    state.expectTimestamp = false;
    state.messageBytes += held.length;
    const newline = held.indexOf(NEWLINE);
    if (newline === -1) {
      this.appendBytes(state, held, 0, held.length);
      return;
    }
    // Held bytes never span a newline when read by readPrefix, except when a frame was cut short.
    this.appendBytes(state, held, 0, newline);
    this.finishLine(state);
    this.appendBytes(state, held, newline + 1, held.length);
  }

  private appendBytes(state: StreamState, bytes: Buffer, start: number, end: number): void {
    if (end <= start) return;
    state.open = true;
    this.append(state, state.decoder.write(bytes.subarray(start, end)));
  }

  private append(state: StreamState, text: string): void {
    state.open = true;
    const room = this.maxLineLength - state.length;
    if (text.length <= room) {
      if (text !== '') state.parts.push(text);
      state.length += text.length;
      return;
    }
    if (room > 0) state.parts.push(text.slice(0, room));
    state.length = this.maxLineLength;
    state.cut += text.length - Math.max(room, 0);
  }

  private finishLine(state: StreamState): void {
    let text = state.parts.length === 1 ? (state.parts[0] ?? '') : state.parts.join('');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const { ts, cut } = state;
    state.parts = [];
    state.length = 0;
    state.cut = 0;
    state.ts = undefined;
    state.open = false;
    state.messageBytes = 0;
    this.options.onLine(state.stream, text, ts, cut);
  }
}
