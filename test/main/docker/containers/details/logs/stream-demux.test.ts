import { describe, expect, it } from 'vitest';

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
