import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../electron/common';
import {
  classifyFailure,
  DockerProgressTracker,
  followDockerProgress,
} from '../../../electron/main/ops/docker-progress';

const layerA = 'a3ed95caeb02';
const layerB = '5f70bf18a086';

// A pull as Docker 20.10 streams it (trimmed), with two layers.
const pull = [
  { status: 'Pulling from berth/web', id: '1.0' },
  { status: 'Pulling fs layer', progressDetail: {}, id: layerA },
  { status: 'Pulling fs layer', progressDetail: {}, id: layerB },
  { status: 'Downloading', progressDetail: { current: 500, total: 1000 }, id: layerA },
  { status: 'Download complete', progressDetail: {}, id: layerB },
  { status: 'Extracting', progressDetail: { current: 50, total: 100 }, id: layerB },
  { status: 'Downloading', progressDetail: { current: 1000, total: 1000 }, id: layerA },
  { status: 'Pull complete', progressDetail: {}, id: layerB },
  { status: 'Pull complete', progressDetail: {}, id: layerA },
  { status: 'Digest: sha256:1234' },
  { status: 'Status: Downloaded newer image for berth/web:1.0' },
];

describe('DockerProgressTracker', () => {
  it('tracks each layer and the overall fraction as a pull goes on', () => {
    const tracker = new DockerProgressTracker();
    const fractions: number[] = [];
    for (const message of pull) {
      tracker.apply(message);
      fractions.push(tracker.snapshot().fraction ?? 0);
    }
    const snapshot = tracker.snapshot();
    expect(snapshot.items.map((item) => [item.id, item.status, item.done])).toEqual([
      [layerA, 'Pull complete', true],
      [layerB, 'Pull complete', true],
    ]);
    expect(snapshot.fraction).toBe(1);
    expect(snapshot.text).toBe('Status: Downloaded newer image for berth/web:1.0');
    expect(fractions[3]).toBeCloseTo(0.175);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    expect(tracker.failure()).toBeUndefined();
  });

  it('keeps memory per layer, not per message', () => {
    const tracker = new DockerProgressTracker();
    for (let i = 0; i < 50_000; i++)
      tracker.apply({ status: 'Downloading', progressDetail: { current: i, total: 50_000 }, id: layerA });
    expect(tracker.snapshot().items).toHaveLength(1);
  });

  it('records the first error line as the failure', () => {
    const tracker = new DockerProgressTracker();
    tracker.apply({ status: 'Pulling from berth/web', id: 'nope' });
    tracker.apply({
      errorDetail: { message: 'manifest for berth/web:nope not found: manifest unknown' },
      error: 'x',
    });
    tracker.apply({ error: 'second' });
    expect(tracker.failure()).toBe('manifest for berth/web:nope not found: manifest unknown');
  });

  it('ignores values that are not progress messages', () => {
    const tracker = new DockerProgressTracker();
    for (const junk of [null, 42, 'text', [1, 2], { unrelated: true }]) tracker.apply(junk);
    expect(tracker.snapshot()).toEqual({ items: [] });
  });

  it('takes the image id from aux (load, build) and the digest from push', () => {
    const build = new DockerProgressTracker();
    build.apply({ aux: { ID: 'sha256:beef' } });
    expect(build.result).toBe('sha256:beef');
    const push = new DockerProgressTracker();
    push.apply({ status: 'Pushing', progressDetail: { current: 5, total: 10 }, id: layerA });
    expect(push.snapshot().fraction).toBe(0.5);
    push.apply({ status: 'Pushed', id: layerA });
    push.apply({ progressDetail: {}, aux: { Tag: '1.0', Digest: 'sha256:cafe', Size: 527 } });
    expect(push.result).toBe('sha256:cafe');
    expect(push.snapshot().fraction).toBe(1);
  });
});

describe('followDockerProgress', () => {
  it('resolves at the end of a clean stream, split anywhere, skipping malformed lines', async () => {
    const stream = new PassThrough();
    const tracker = new DockerProgressTracker();
    let calls = 0;
    const done = followDockerProgress(stream, tracker, { onProgress: () => calls++ });
    const text = `${pull.map((message) => JSON.stringify(message)).join('\n')}\n{not json}\n`;
    for (let i = 0; i < text.length; i += 7) stream.write(text.slice(i, i + 7));
    stream.end();
    await expect(done).resolves.toBeUndefined();
    expect(calls).toBe(pull.length);
    expect(tracker.snapshot().fraction).toBe(1);
  });

  it('rejects when the stream carried an error, even though it ended normally', async () => {
    const stream = new PassThrough();
    const done = followDockerProgress(stream, new DockerProgressTracker());
    stream.end(
      `${JSON.stringify({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized' })}\n`,
    );
    await expect(done).rejects.toMatchObject({
      code: ErrorCode.Unauthorized,
      message: 'unauthorized: authentication required',
    });
  });

  it('destroys the stream and rejects as cancelled on abort', async () => {
    const stream = new PassThrough();
    const controller = new AbortController();
    const done = followDockerProgress(stream, new DockerProgressTracker(), { signal: controller.signal });
    stream.write(`${JSON.stringify(pull[1])}\n`);
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    expect(stream.destroyed).toBe(true);
  });

  it('passes build output lines through', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    const done = followDockerProgress(stream, new DockerProgressTracker(), {
      onLine: (line) => lines.push(line),
    });
    stream.end(
      `${JSON.stringify({ stream: 'Step 1/2 : FROM scratch\n' })}\n${JSON.stringify({ stream: ' ---> Running\n' })}\n`,
    );
    await done;
    expect(lines).toEqual(['Step 1/2 : FROM scratch\n', ' ---> Running\n']);
  });
});

describe('classifyFailure', () => {
  it.each([
    ['manifest for x:y not found: manifest unknown: manifest unknown', ErrorCode.NotFound],
    ['pull access denied for x, repository does not exist or may require docker login', ErrorCode.NotFound],
    ['unauthorized: authentication required', ErrorCode.Unauthorized],
    // What dockerd 20.10 says when a registry asks for a login and the pull came without one.
    ['Head "http://127.0.0.1:5000/v2/web/manifests/1": no basic auth credentials', ErrorCode.Unauthorized],
    [
      'Get "https://r/v2/": net/http: request canceled (Client.Timeout exceeded) timed out',
      ErrorCode.Timeout,
    ],
    ['no space left on device', ErrorCode.Internal],
  ])('%s → %s', (message, code) => {
    expect(classifyFailure(message)).toBe(code);
  });
});
