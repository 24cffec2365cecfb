import { describe, expect, it } from 'vitest';

import { HttpIdleTracker } from '../../../../electron/main/docker/engine/http-idle';

const head = (status: string, headers: string) =>
  `HTTP/1.1 ${status}\r\nApi-Version: 1.41\r\n${headers}\r\n\r\n`;

function feed(tracker: HttpIdleTracker, text: string, split = 0): void {
  const bytes = Buffer.from(text, 'latin1');
  if (split <= 0) return tracker.response(bytes);
  for (let index = 0; index < bytes.length; index += split)
    tracker.response(bytes.subarray(index, index + split));
}

describe('HttpIdleTracker', () => {
  it.each([1, 3, 0])('sees a Content-Length response end (fed %i bytes at a time)', (split) => {
    const tracker = new HttpIdleTracker();
    expect(tracker.idle).toBe(true);
    tracker.request(Buffer.from('GET /version HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(tracker.idle).toBe(false);
    feed(tracker, head('200 OK', 'Content-Length: 5') + 'hel', split);
    expect(tracker.idle).toBe(false);
    feed(tracker, 'lo', split);
    expect(tracker.idle).toBe(true);
  });

  it.each([1, 0])('sees a chunked response end, trailers included (split %i)', (split) => {
    const tracker = new HttpIdleTracker();
    tracker.request(Buffer.from('GET /info HTTP/1.1\r\n\r\n'));
    feed(tracker, head('200 OK', 'Transfer-Encoding: chunked') + '4\r\nabcd\r\n3;x=y\r\nefg\r\n', split);
    expect(tracker.idle).toBe(false);
    feed(tracker, '0\r\n\r\n', split);
    expect(tracker.idle).toBe(true);
  });

  it('treats HEAD, 204 and 304 as bodiless, and 100 Continue as not the answer', () => {
    const tracker = new HttpIdleTracker();
    tracker.request(Buffer.from('HEAD /_ping HTTP/1.1\r\n\r\n'));
    feed(tracker, head('200 OK', 'Content-Length: 2'));
    expect(tracker.idle).toBe(true);
    tracker.request(Buffer.from('POST /containers/x/start HTTP/1.1\r\n\r\n'));
    feed(tracker, head('100 Continue', 'X: y'));
    expect(tracker.idle).toBe(false);
    feed(tracker, head('204 No Content', 'X: y'));
    expect(tracker.idle).toBe(true);
  });

  it('never calls a stream, an upgrade or a hijacked attach idle', () => {
    const upgrade = new HttpIdleTracker();
    upgrade.request(Buffer.from('POST /containers/x/attach?stream=1 HTTP/1.1\r\nUpgrade: tcp\r\n\r\n'));
    feed(upgrade, head('101 UPGRADED', 'Connection: Upgrade') + 'raw bytes\r\n\r\n');
    expect(upgrade.idle).toBe(false);
    const logs = new HttpIdleTracker();
    logs.request(Buffer.from('GET /containers/x/logs?follow=1 HTTP/1.1\r\n\r\n'));
    feed(logs, head('200 OK', 'Content-Type: application/vnd.docker.raw-stream'));
    expect(logs.idle).toBe(false);
  });
});
