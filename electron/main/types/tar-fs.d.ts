// tar-fs 2.x ships no types; this declares the part Berth uses (packing a folder into a tar stream).
declare module 'tar-fs' {
  import type { Readable } from 'node:stream';

  /** A tar header as tar-stream writes it. */
  export interface Headers {
    name: string;
    mode?: number;
    mtime?: Date;
    size?: number;
    /** `file`, `directory`, `symlink`, `link`, … */
    type?: string;
    linkname?: string;
    uid?: number;
    gid?: number;
    uname?: string;
    gname?: string;
  }

  export interface PackOptions {
    /** Called with each absolute path before it is read; `true` leaves it (and a directory's subtree) out. */
    ignore?: (name: string) => boolean;
    /** Rewrites a header before it is written. */
    map?: (header: Headers) => Headers | undefined;
    /** Paths relative to the folder to pack instead of all of it. */
    entries?: string[];
    dereference?: boolean;
    /** `false` skips FIFOs and devices instead of failing. */
    strict?: boolean;
    sort?: boolean;
  }

  export function pack(cwd: string, options?: PackOptions): Readable;
}
