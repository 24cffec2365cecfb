import { Readable } from 'node:stream';

import { type Header, pack } from 'tar-stream';

/** One entry of a test archive: written by tar-stream's pack exactly as given (hostile names included). */
export interface EntrySpec {
  name: string;
  type?: Header['type'];
  content?: string;
  linkname?: string;
  mode?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  /** PAX records; an empty object forces a PAX header even for names a ustar header holds. */
  pax?: Record<string, string>;
}

/** A real tar archive of `specs`, as bytes. */
export async function buildTar(specs: EntrySpec[]): Promise<Buffer> {
  const archive = pack();
  for (const spec of specs) {
    const header: Header & { pax?: Record<string, string> } = {
      name: spec.name,
      type: spec.type ?? 'file',
      size: Buffer.byteLength(spec.content ?? ''),
      mode: spec.mode ?? 0o644,
      mtime: new Date((spec.mtime ?? 1_700_000_000) * 1000),
      linkname: spec.linkname ?? '',
      uid: 0,
      gid: 0,
      uname: '',
      gname: '',
      devmajor: 0,
      devminor: 0,
      ...(spec.pax !== undefined ? { pax: spec.pax } : {}),
    };
    if (header.type === 'file') archive.entry(header, spec.content ?? '');
    else archive.entry(header).end(undefined);
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `specs` as a tar stream, the way the Engine's HTTP answer arrives. */
export async function tarStream(specs: EntrySpec[]): Promise<Readable> {
  return Readable.from([await buildTar(specs)]);
}
