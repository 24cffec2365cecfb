import { describe, expect, it } from 'vitest';

import { LogLineAssembler } from '../../../../../../electron/main/docker/containers/details/logs/log-lines';
import {
  type DemuxedStream,
  StreamDemuxer,
} from '../../../../../../electron/main/docker/containers/details/logs/stream-demux';
import { prng } from '../../../../../fixtures/seeded-random';

function frame(type: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

const SAMPLES = ['a', 'é', '✓', '𝄞', '\n', 'line ', '日本'];

function randomText(random: () => number, maxChars: number): string {
  let text = '';
  const length = Math.floor(random() * maxChars);
  for (let i = 0; i < length; i++) text += SAMPLES[Math.floor(random() * SAMPLES.length)];
  return text;
}

function chunked(random: () => number, data: Buffer, maxChunk: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length;) {
    const size = 1 + Math.floor(random() ** 3 * maxChunk);
    chunks.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

describe('StreamDemuxer (seeded fuzz)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('loses and misroutes nothing, seed %i', (seed) => {
    const random = prng(seed);
    const expected: Record<DemuxedStream, Buffer[]> = { stdout: [], stderr: [] };
    const frames: Buffer[] = [];
    let bytes = 0;
    while (bytes < 2_000_000) {
      const type = random() < 0.5 ? 1 : 2;
      // 0-length frames, small frames and frames bigger than the buffered maximum.
      const roll = random();
      const payload =
        roll < 0.05
          ? Buffer.alloc(0)
          : roll < 0.1
            ? Buffer.alloc(Math.floor(random() * 200_000), 0x61 + (seed % 20))
            : Buffer.from(randomText(random, 300));
      frames.push(frame(type, payload));
      expected[type === 2 ? 'stderr' : 'stdout'].push(payload);
      bytes += payload.length + 8;
    }
    const received: Record<DemuxedStream, Buffer[]> = { stdout: [], stderr: [] };
    let wholeFrames = 0;
    const demuxer = new StreamDemuxer(
      {
        onFrame: (stream, payload, continued) => {
          received[stream].push(payload);
          if (!continued) wholeFrames += 1;
        },
      },
      { maxBufferedFrame: 64 * 1024 },
    );
    for (const chunk of chunked(random, Buffer.concat(frames), 64 * 1024)) demuxer.push(chunk);
    demuxer.end();
    expect(demuxer.isRaw).toBe(false);
    expect(Buffer.concat(received.stdout).equals(Buffer.concat(expected.stdout))).toBe(true);
    expect(Buffer.concat(received.stderr).equals(Buffer.concat(expected.stderr))).toBe(true);
    expect(wholeFrames).toBe(
      frames.length - expected.stdout.concat(expected.stderr).filter((p) => p.length === 0).length,
    );
  });

  it('falls back to raw stdout on an invalid header, keeping every byte', () => {
    const good = frame(1, Buffer.from('ok\n'));
    const bad = Buffer.from('plain text that is not multiplexed\n');
    const received: Array<[DemuxedStream, string]> = [];
    const demuxer = new StreamDemuxer({
      onFrame: (stream, payload) => received.push([stream, payload.toString()]),
    });
    for (const chunk of chunked(prng(9), Buffer.concat([good, bad, good]), 5)) demuxer.push(chunk);
    demuxer.end();
    expect(demuxer.isRaw).toBe(true);
    expect(received[0]).toEqual(['stdout', 'ok\n']);
    expect(
      received
        .slice(1)
        .map(([, text]) => text)
        .join(''),
    ).toBe(bad.toString() + good.toString('latin1'));
    expect(received.every(([stream]) => stream === 'stdout')).toBe(true);
  });

  it('delivers a frame cut short at the end of the stream', () => {
    const whole = frame(2, Buffer.from('partial line'));
    const received: string[] = [];
    const demuxer = new StreamDemuxer({ onFrame: (_stream, payload) => received.push(payload.toString()) });
    demuxer.push(whole.subarray(0, whole.length - 4));
    demuxer.end();
    expect(received).toEqual(['partial ']);
  });
});

describe('LogLineAssembler', () => {
  const TS = '2026-01-02T03:04:05.123456789Z';

  it('splits lines per stream, takes timestamps off, and keeps UTF-8 split across frames whole', () => {
    const lines: unknown[] = [];
    const assembler = new LogLineAssembler({ timestamps: true, onLine: (line) => lines.push(line) });
    const text = Buffer.from(`${TS} héllo ✓\n`);
    // A daemon message split into two frames at a byte inside "é".
    assembler.pushFrame('stdout', text.subarray(0, 33), false);
    assembler.pushFrame('stderr', Buffer.from(`${TS} oops\r\n`), false);
    assembler.pushFrame('stdout', text.subarray(33), true);
    assembler.end();
    expect(lines).toEqual([
      { stream: 'stderr', text: 'oops', ts: TS },
      { stream: 'stdout', text: 'héllo ✓', ts: TS },
    ]);
  });

  it('joins the daemon’s 16 KiB partial messages of a TTY line, dropping their inner timestamps', () => {
    const lines: Array<{ text: string; ts?: string }> = [];
    const assembler = new LogLineAssembler({ timestamps: true, onLine: (line) => lines.push(line) });
    const long = 'z'.repeat(40_000);
    const raw = `${TS} ${long.slice(0, 16384)}${TS} ${long.slice(16384, 32768)}${TS} ${long.slice(32768)}\r\n${TS} next\r\n`;
    for (const chunk of chunked(prng(3), Buffer.from(raw), 1000)) assembler.pushRaw(chunk);
    assembler.end();
    expect(lines.map((line) => line.text)).toEqual([long, 'next']);
    expect(lines[0]?.ts).toBe(TS);
  });

  it('cuts a line longer than the cap and says how much', () => {
    const lines: Array<{ text: string; cut?: number }> = [];
    const assembler = new LogLineAssembler({
      timestamps: false,
      maxLineLength: 10,
      onLine: (line) => lines.push(line),
    });
    assembler.pushFrame('stdout', Buffer.from('0123456789abcdef\nshort\n'), false);
    assembler.end();
    expect(lines).toEqual([
      { stream: 'stdout', text: '0123456789', cut: 6 },
      { stream: 'stdout', text: 'short' },
    ]);
  });
});
