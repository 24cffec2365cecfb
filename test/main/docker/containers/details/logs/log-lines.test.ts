import { describe, expect, it } from 'vitest';

import { LogBatchBuilder, logBatchLines, type LogLine } from '../../../../../../electron/common';
import { LogLineAssembler } from '../../../../../../electron/main/docker/containers/details/logs/log-lines';
import { StreamDemuxer } from '../../../../../../electron/main/docker/containers/details/logs/stream-demux';
import { prng } from '../../../../../fixtures/seeded-random';

const TS = '2026-01-02T03:04:05.123456789Z';

function frame(type: number, payload: Buffer | string): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
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

/** An assembler whose lines go through the packer main sends batches with, read back as objects. */
function pipeline(options: { timestamps: boolean; maxLineLength?: number }) {
  const builder = new LogBatchBuilder();
  const assembler = new LogLineAssembler({
    ...options,
    onLine: (stream, text, ts, cut) => builder.push(stream, text, ts, cut),
  });
  const demuxer = new StreamDemuxer({
    onFrame: (stream, payload, continued) => assembler.pushFrame(stream, payload, continued),
  });
  return {
    assembler,
    demuxer,
    lines: (): LogLine[] => logBatchLines(builder.build()),
  };
}

describe('LogLineAssembler → LogBatchBuilder', () => {
  it('splits lines per stream, takes timestamps off, and keeps UTF-8 split across frames whole', () => {
    const { assembler, lines } = pipeline({ timestamps: true });
    const text = Buffer.from(`${TS} héllo ✓\n`);
    // A daemon message split into two frames at a byte inside "é".
    assembler.pushFrame('stdout', text.subarray(0, 33), false);
    assembler.pushFrame('stderr', Buffer.from(`${TS} oops\r\n`), false);
    assembler.pushFrame('stdout', text.subarray(33), true);
    assembler.end();
    expect(lines()).toEqual([
      { stream: 'stderr', text: 'oops', ts: TS },
      { stream: 'stdout', text: 'héllo ✓', ts: TS },
    ]);
  });

  it('reads a multiplexed stream cut at every byte: lines across chunks, CRLF, multi-byte characters, stderr', () => {
    const messages: Array<[number, string]> = [
      [1, `${TS} plain\n`],
      [2, `${TS} to-err ✓\r\n`],
      [1, `${TS} 𝄞 clef and 日本\n`],
      [1, `${TS} \n`],
      [2, `${TS} last é\n`],
    ];
    const stream = Buffer.concat(messages.map(([type, text]) => frame(type, text)));
    const expected = [
      { stream: 'stdout', text: 'plain', ts: TS },
      { stream: 'stderr', text: 'to-err ✓', ts: TS },
      { stream: 'stdout', text: '𝄞 clef and 日本', ts: TS },
      { stream: 'stdout', text: '', ts: TS },
      { stream: 'stderr', text: 'last é', ts: TS },
    ];
    for (let size = 1; size <= 9; size++) {
      const { demuxer, assembler, lines } = pipeline({ timestamps: true });
      for (let offset = 0; offset < stream.length; offset += size)
        demuxer.push(stream.subarray(offset, offset + size));
      demuxer.end();
      assembler.end();
      expect(lines(), `chunks of ${size} bytes`).toEqual(expected);
    }
  });

  it('reads a TTY stream (no multiplexing) in random chunks: CRLF endings, characters split, all on stdout', () => {
    const texts = Array.from({ length: 300 }, (_, i) => `${i} ✓ é 𝄞 ${'x'.repeat(i % 17)}`);
    const raw = Buffer.from(texts.map((text) => `${TS} ${text}\r\n`).join(''));
    for (const seed of [1, 2, 3]) {
      const { assembler, lines } = pipeline({ timestamps: true });
      for (const chunk of chunked(prng(seed), raw, 64)) assembler.pushRaw(chunk);
      assembler.end();
      const read = lines();
      expect(read.map((line) => line.text)).toEqual(texts);
      expect(read.every((line) => line.stream === 'stdout' && line.ts === TS)).toBe(true);
    }
  });

  it('delivers an unfinished last line at the end, and a line without a timestamp when there is none', () => {
    const { assembler, lines } = pipeline({ timestamps: false });
    assembler.pushRaw(Buffer.from('one\ntwo'));
    assembler.end();
    expect(lines()).toEqual([
      { stream: 'stdout', text: 'one' },
      { stream: 'stdout', text: 'two' },
    ]);
  });

  it('joins the daemon’s 16 KiB partial messages of a TTY line, dropping their inner timestamps', () => {
    const { assembler, lines } = pipeline({ timestamps: true });
    const long = 'z'.repeat(40_000);
    const raw = `${TS} ${long.slice(0, 16384)}${TS} ${long.slice(16384, 32768)}${TS} ${long.slice(32768)}\r\n${TS} next\r\n`;
    for (const chunk of chunked(prng(3), Buffer.from(raw), 1000)) assembler.pushRaw(chunk);
    assembler.end();
    expect(lines().map((line) => line.text)).toEqual([long, 'next']);
    expect(lines()[0]?.ts).toBe(TS);
  });

  it('cuts a line longer than the cap and says how much', () => {
    const { assembler, lines } = pipeline({ timestamps: false, maxLineLength: 10 });
    assembler.pushFrame('stdout', Buffer.from('0123456789abcdef\nshort\n'), false);
    assembler.end();
    expect(lines()).toEqual([
      { stream: 'stdout', text: '0123456789', cut: 6 },
      { stream: 'stdout', text: 'short' },
    ]);
  });
});

describe('LogBatchBuilder', () => {
  it('packs many lines into one string and typed arrays, growing past its first size', () => {
    const builder = new LogBatchBuilder();
    const texts = Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? '' : `line ${i} ✓`));
    texts.forEach((text, i) => builder.push(i % 2 ? 'stderr' : 'stdout', text, i % 5 ? TS : undefined));
    expect(builder.lines).toBe(1000);
    const packed = builder.build();
    expect(packed.text).toBe(texts.join(''));
    expect(packed.ends).toBeInstanceOf(Uint32Array);
    expect(packed.ends).toHaveLength(1000);
    const read = logBatchLines(packed);
    expect(read.map((line) => line.text)).toEqual(texts);
    expect(read.map((line) => line.stream)).toEqual(texts.map((_, i) => (i % 2 ? 'stderr' : 'stdout')));
    expect(read.map((line) => line.ts)).toEqual(texts.map((_, i) => (i % 5 ? TS : undefined)));
    expect(structuredClone(packed)).toEqual(packed);
  });
});
