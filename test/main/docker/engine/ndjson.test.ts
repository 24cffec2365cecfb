import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { NdjsonLineError, NdjsonParser } from '../../../../electron/main/docker/engine/ndjson';
import { prng } from '../../../fixtures/seeded-random';

/** Splits `bytes` at random places (1 byte up to `maxChunk`). */
function randomChunks(bytes: Buffer, random: () => number, maxChunk: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length;) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

function collect(): { values: unknown[]; lines: string[]; errors: Error[]; parser: NdjsonParser } {
  const values: unknown[] = [];
  const lines: string[] = [];
  const errors: Error[] = [];
  const parser = new NdjsonParser({
    onValue: (value, line) => {
      values.push(value);
      lines.push(line);
    },
    onError: (error) => errors.push(error),
  });
  return { values, lines, errors, parser };
}

const documents = [
  { Type: 'container', Action: 'create', Actor: { ID: 'a'.repeat(64), Attributes: { name: 'ünïcødé-😀' } } },
  { Type: 'network', Action: 'connect', Actor: { ID: 'b', Attributes: {} } },
  { nested: { deep: [1, 2, { three: '3\n\r"' }] } },
  'just a string',
  42,
  null,
];

describe('NdjsonParser', () => {
  it('parses the same values however the bytes are chunked (200 seeded random chunkings)', () => {
    const separators = ['\n', '\r\n', '\n\n', '\r\n\r\n', '\n   \n'];
    for (let seed = 1; seed <= 200; seed++) {
      const random = prng(seed);
      const text = documents
        .map((document) => JSON.stringify(document) + separators[Math.floor(random() * separators.length)])
        .join('');
      const { values, errors, parser } = collect();
      for (const chunk of randomChunks(Buffer.from(text, 'utf8'), random, 1 + Math.floor(random() * 40))) {
        parser.push(chunk);
      }
      parser.end();
      expect({ seed, values, errors }).toEqual({ seed, values: documents, errors: [] });
    }
  });

  it('keeps a multi-byte character split between chunks intact', () => {
    const { values, parser } = collect();
    const bytes = Buffer.from('{"emoji":"😀"}\n', 'utf8');
    const split = bytes.indexOf(0xf0) + 2; // inside the 4-byte sequence
    parser.push(bytes.subarray(0, split));
    parser.push(bytes.subarray(split));
    expect(values).toEqual([{ emoji: '😀' }]);
  });

  it('hands over the exact line text (numbers JSON cannot hold stay readable)', () => {
    const { values, lines, parser } = collect();
    parser.push('{"timeNano":1795980693699423756}\r\n');
    expect(lines).toEqual(['{"timeNano":1795980693699423756}']);
    // Why the line matters: JSON.parse rounds the 19-digit integer.
    expect(BigInt((values[0] as { timeNano: number }).timeNano)).not.toBe(1795980693699423756n);
  });

  it('reports a malformed line and goes on with the next one', () => {
    const { values, errors, parser } = collect();
    parser.push('{"ok":1}\n{not json}\n{"ok":2}\n');
    expect(values).toEqual([{ ok: 1 }, { ok: 2 }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(NdjsonLineError);
    expect((errors[0] as NdjsonLineError).line).toBe('{not json}');
  });

  it('flushes a last line without a newline on end(), and nothing for trailing whitespace', () => {
    const { values, errors, parser } = collect();
    parser.push('{"a":1}\n{"b":');
    expect(values).toEqual([{ a: 1 }]);
    parser.push('2}');
    parser.end();
    expect(values).toEqual([{ a: 1 }, { b: 2 }]);
    parser.push('  \r\n');
    parser.end();
    expect(errors).toEqual([]);
  });

  it('drops an oversized line without buffering it, then resumes', () => {
    const values: unknown[] = [];
    const errors: Error[] = [];
    const parser = new NdjsonParser(
      { onValue: (value) => values.push(value), onError: (error) => errors.push(error) },
      { maxLineLength: 32 },
    );
    parser.push('{"a":"');
    for (let i = 0; i < 10; i++) parser.push('x'.repeat(20));
    parser.push('"}\n{"after":true}\n');
    expect(values).toEqual([{ after: true }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/longer than 32/);
  });

  it('never throws out of a stream data handler, even when the handlers throw', () => {
    const stream = new PassThrough();
    const seen: unknown[] = [];
    const parser = new NdjsonParser({
      onValue: (value) => {
        seen.push(value);
        throw new Error('consumer bug');
      },
      onError: () => {
        throw new Error('error handler bug too');
      },
    });
    stream.on('data', (chunk: Buffer) => parser.push(chunk));
    expect(() => {
      stream.write('{"a":1}\nnot json\n{"b":2}\n');
    }).not.toThrow();
    expect(seen).toEqual([{ a: 1 }, { b: 2 }]);
  });
});
