/**
 * Tells, from the bytes of one HTTP/1.1 connection (requests one way, responses the other), whether it is idle:
 * every request answered completely and nothing new sent. Only framing is read (status line, Content-Length,
 * chunked encoding); bodies pass untouched. A response without a length (a log or event stream, a hijacked
 * attach, a 101 upgrade) is read to the end of the connection, so such a connection is never idle.
 */
export class HttpIdleTracker {
  /** Methods of requests sent and not yet answered (HEAD responses have no body). */
  private readonly pending: string[] = [];
  private state: 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-crlf' | 'trailers' | 'raw' = 'head';
  private head = '';
  private remaining = 0;
  private line = '';
  /** True when the client sent bytes the response side has not answered yet. */
  private awaiting = false;

  /** Bytes the client sent. */
  request(chunk: Buffer): void {
    if (!this.awaiting && this.state === 'head') {
      const method = /^([A-Z]+) /.exec(chunk.subarray(0, 16).toString('latin1'))?.[1];
      this.pending.push(method ?? 'GET');
    }
    this.awaiting = true;
  }

  /** Bytes the server sent. */
  response(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && this.state !== 'raw') offset = this.step(chunk, offset);
  }

  /** Every request answered, nothing in flight: closing it now loses nothing. */
  get idle(): boolean {
    return !this.awaiting && this.state === 'head' && this.head === '';
  }

  private step(chunk: Buffer, offset: number): number {
    switch (this.state) {
      case 'head': {
        const text = chunk.subarray(offset).toString('latin1');
        const end = (this.head + text).indexOf('\r\n\r\n');
        if (end < 0) {
          this.head += text;
          return chunk.length;
        }
        const consumed = end + 4 - this.head.length;
        this.startBody(this.head + text.slice(0, consumed));
        this.head = '';
        return offset + consumed;
      }
      case 'body': {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= take;
        if (this.remaining === 0) this.finished();
        return offset + take;
      }
      case 'chunk-data': {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'chunk-crlf';
        return offset + take;
      }
      default:
        return this.lineStep(chunk, offset);
    }
  }

  /** chunk-size, the CRLF after a chunk, and trailers: line by line. */
  private lineStep(chunk: Buffer, offset: number): number {
    const newline = chunk.indexOf(0x0a, offset);
    if (newline < 0) {
      this.line += chunk.subarray(offset).toString('latin1');
      return chunk.length;
    }
    const line = (this.line + chunk.subarray(offset, newline).toString('latin1')).replace(/\r$/, '');
    this.line = '';
    if (this.state === 'chunk-crlf') {
      this.state = 'chunk-size';
    } else if (this.state === 'chunk-size') {
      const size = Number.parseInt(line.split(';')[0] ?? '', 16);
      if (Number.isNaN(size)) this.state = 'raw';
      else if (size === 0) this.state = 'trailers';
      else {
        this.remaining = size;
        this.state = 'chunk-data';
      }
    } else if (line === '') {
      this.finished();
    }
    return newline + 1;
  }

  private startBody(head: string): void {
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? NaN);
    if (status >= 100 && status < 200 && status !== 101) return; // 100 Continue: the real answer follows
    const method = this.pending[0];
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    if (status === 101 || Number.isNaN(status)) this.state = 'raw';
    else if (method === 'HEAD' || status === 204 || status === 304) this.finished();
    else if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) this.state = 'chunk-size';
    else if (length !== undefined) {
      this.remaining = Number(length);
      if (this.remaining === 0) this.finished();
      else this.state = 'body';
    } else this.state = 'raw';
  }

  private finished(): void {
    this.pending.shift();
    this.state = 'head';
    if (this.pending.length === 0) this.awaiting = false;
  }
}
