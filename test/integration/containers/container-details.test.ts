import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';

import {
  ErrorCode,
  type EventName,
  IpcEvent,
  type IpcEventMap,
  logBatchLines,
  type LogLine,
  MASKED_VALUE,
} from '../../../electron/common';
import { ExecService } from '../../../electron/main/docker/containers/details/exec-service';
import { ArchiveService } from '../../../electron/main/docker/containers/details/files-service';
import { InspectService } from '../../../electron/main/docker/containers/details/inspect-service';
import { LogService } from '../../../electron/main/docker/containers/details/logs/log-service';
import { StatsStreams } from '../../../electron/main/docker/containers/details/stats-stream';
import { EngineRegistry } from '../../../electron/main/docker/engine/engine-registry';
import type { Publish } from '../../../electron/main/docker/ports';
import { docker, rigDockerHost, skipUnlessRig, waitFor } from '../../rig';
import {
  activeResources,
  containerArgs,
  endpointFor,
  fastBackoff,
  leftovers,
  removeGroup,
  uniqueName,
} from '../helpers';

const GROUP = 'container-details';

type Published = { [E in EventName]: { name: E; payload: IpcEventMap[E] } }[EventName];

skipUnlessRig('container details against a real daemon', () => {
  let engines: EngineRegistry;
  let events: Published[];
  let logs: LogService;
  let execs: ExecService;
  let stats: StatsStreams;
  let archives: ArchiveService;
  let inspector: InspectService;
  let workdir: string;
  let savePath: string | undefined;
  let openPath: string | undefined;
  const publish: Publish = (name, payload) => events.push({ name, payload } as Published);

  beforeAll(async () => {
    workdir = await mkdtemp(join(tmpdir(), 'berth-details-'));
  });
  afterAll(async () => {
    await removeGroup(GROUP);
    await rm(workdir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    events = [];
    engines = new EngineRegistry([endpointFor(rigDockerHost())], { backoff: fastBackoff });
    engines.start();
    await engines.ready('local');
    const chooseSavePath = () => Promise.resolve(savePath);
    logs = new LogService(engines, { publish, chooseSavePath });
    execs = new ExecService(engines, { publish });
    stats = new StatsStreams(engines, { publish });
    archives = new ArchiveService(engines, {
      chooseSavePath,
      chooseOpenPath: () => Promise.resolve(openPath),
    });
    inspector = new InspectService(engines);
  });
  afterEach(async () => {
    logs.closeAll();
    execs.closeAll();
    stats.closeAll();
    await engines.dispose();
  });

  function linesOf(streamId: string): LogLine[] {
    return events.flatMap((event) =>
      event.name === IpcEvent.LogsReceived && event.payload.streamId === streamId
        ? logBatchLines(event.payload)
        : [],
    );
  }
  function endedOf(streamId: string) {
    return events.find(
      (event) =>
        (event.name === IpcEvent.LogsEnded || event.name === IpcEvent.StatsEnded) &&
        event.payload.streamId === streamId,
    );
  }
  function outputOf(sessionId: string): string {
    return events
      .map((event) =>
        event.name === IpcEvent.ExecOutputReceived && event.payload.sessionId === sessionId
          ? event.payload.data
          : '',
      )
      .join('');
  }
  function execEnded(sessionId: string) {
    const event = events.find(
      (candidate) => candidate.name === IpcEvent.ExecEnded && candidate.payload.sessionId === sessionId,
    );
    return event?.name === IpcEvent.ExecEnded ? event.payload : undefined;
  }
  async function exited(name: string, command: string[], flags: string[] = []): Promise<string> {
    const id = await docker('create', ...flags, ...containerArgs(name, GROUP, command));
    await docker('start', '-a', id);
    return id;
  }

  it('reads the last N lines of a non-TTY log with timestamps, then ends', async () => {
    const id = await exited(uniqueName('tail'), ['seq', '1', '2000']);
    const { streamId, tty } = await logs.open({ engineId: 'local', id, tail: 1000, follow: false });
    expect(tty).toBe(false);
    await waitFor(() => endedOf(streamId), { description: 'logs:ended' });
    const lines = linesOf(streamId);
    expect(lines.map((line) => line.text)).toEqual(Array.from({ length: 1000 }, (_, i) => String(1001 + i)));
    expect(lines.every((line) => line.stream === 'stdout' && /^\d{4}-\d\d-\d\dT/.test(line.ts ?? ''))).toBe(
      true,
    );
    expect(logs.openCount).toBe(0);
  });

  it('routes stdout and stderr of a non-TTY container, and reads a TTY container raw', async () => {
    const plain = await exited(uniqueName('streams'), [
      'sh',
      '-c',
      'echo to-out; echo to-err >&2; echo out-again',
    ]);
    const opened = await logs.open({ engineId: 'local', id: plain, tail: 'all', follow: false });
    await waitFor(() => endedOf(opened.streamId));
    const byText = new Map(linesOf(opened.streamId).map((line) => [line.text, line.stream]));
    expect(Object.fromEntries(byText)).toEqual({
      'to-out': 'stdout',
      'to-err': 'stderr',
      'out-again': 'stdout',
    });

    const tty = await exited(
      uniqueName('tty'),
      ['sh', '-c', 'echo one; echo two >&2; printf "x\\033[31mred\\033[0m\\n"'],
      ['-t'],
    );
    const ttyOpened = await logs.open({ engineId: 'local', id: tty, tail: 'all', follow: false });
    expect(ttyOpened.tty).toBe(true);
    await waitFor(() => endedOf(ttyOpened.streamId));
    const ttyLines = linesOf(ttyOpened.streamId);
    expect(ttyLines.map((line) => line.text)).toEqual(['one', 'two', 'x\u001b[31mred\u001b[0m']);
    expect(ttyLines.every((line) => line.stream === 'stdout')).toBe(true);
  });

  it('keeps a line longer than the daemon message size whole, TTY or not, and UTF-8 intact', async () => {
    const script = 'head -c 100000 /dev/zero | tr "\\0" a; echo; echo "ünïcödé ✓"';
    for (const flags of [[], ['-t']]) {
      const id = await exited(uniqueName('long'), ['sh', '-c', script], flags);
      const { streamId } = await logs.open({ engineId: 'local', id, tail: 'all', follow: false });
      await waitFor(() => endedOf(streamId));
      expect(linesOf(streamId).map((line) => line.text)).toEqual(['a'.repeat(100_000), 'ünïcödé ✓']);
    }
  });

  it('follows a running container and reads since/until windows', async () => {
    const id = await docker(
      'run',
      '-d',
      ...containerArgs(uniqueName('follow'), GROUP, [
        'sh',
        '-c',
        'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 0.02; done',
      ]),
    );
    const { streamId } = await logs.open({ engineId: 'local', id, tail: 0, follow: true });
    const followed = await waitFor(() => (linesOf(streamId).length >= 10 ? linesOf(streamId) : undefined), {
      description: 'followed lines',
    });
    const numbers = followed.map((line) => Number(line.text.split(' ')[1]));
    expect(numbers).toEqual(numbers.slice().sort((a, b) => a - b));
    logs.close(streamId);
    expect(logs.openCount).toBe(0);

    // "Load earlier": everything up to (and including) a line's timestamp.
    const anchor = followed[5];
    const until = toUnixParam(anchor.ts ?? '');
    const earlier = await logs.open({ engineId: 'local', id, tail: 'all', until, follow: false });
    await waitFor(() => endedOf(earlier.streamId));
    const earlierTexts = linesOf(earlier.streamId).map((line) => line.text);
    expect(earlierTexts.at(-1)).toBe(anchor.text);
    const since = await logs.open({ engineId: 'local', id, tail: 'all', since: until, until, follow: false });
    await waitFor(() => endedOf(since.streamId));
    expect(linesOf(since.streamId).map((line) => line.text)).toEqual([anchor.text]);
  });

  it('holds batches back until an acknowledging view has taken them in, losing and reordering nothing', async () => {
    const name = uniqueName('acked');
    // 3,000 numbered lines at once, then a line every 10 ms for as long as it runs.
    const id = await docker(
      'run',
      '-d',
      ...containerArgs(name, GROUP, ['sh', '-c', 'seq 1 3000; while true; do echo more; sleep 0.01; done']),
    );
    // Small batches (~190 lines), so the log needs many of them.
    const paced = new LogService(engines, { publish, maxBatchChars: 10_000 });
    try {
      const { streamId } = await paced.open({
        engineId: 'local',
        id,
        tail: 'all',
        follow: true,
        acknowledge: true,
      });
      const batches = (): number =>
        events.filter((event) => event.name === IpcEvent.LogsReceived && event.payload.streamId === streamId)
          .length;
      // Lines keep arriving, yet only two batches go out until the view acknowledges one.
      await waitFor(
        () => {
          const backlog = paced.backlog(streamId);
          return backlog?.unacknowledged === 2 && linesOf(streamId).length + backlog.queuedLines >= 3050;
        },
        { description: 'the numbered lines and 50 more read, two batches unacknowledged' },
      );
      expect(batches()).toBe(2);

      let acknowledged = 0;
      while (linesOf(streamId).length < 3050) {
        const seen = batches();
        paced.ack(streamId);
        acknowledged += 1;
        await waitFor(() => batches() > seen, { description: 'the next batch' });
        expect(batches() - acknowledged).toBeLessThanOrEqual(2);
      }
      const texts = linesOf(streamId).map((line) => line.text);
      expect(texts.slice(0, 3000)).toEqual(Array.from({ length: 3000 }, (_, i) => String(i + 1)));
      expect(new Set(texts.slice(3000))).toEqual(new Set(['more']));
      expect(batches()).toBeGreaterThan(10);
      paced.close(streamId);
      // An acknowledgement that crosses the close is ignored.
      paced.ack(streamId);
      expect(paced.openCount).toBe(0);
    } finally {
      paced.closeAll();
    }
  });

  it('leaves no stream, socket or timer behind after many follow open/close cycles', async () => {
    const id = await docker(
      'run',
      '-d',
      ...containerArgs(uniqueName('cycles'), GROUP, [
        'sh',
        '-c',
        'while true; do echo tick; sleep 0.01; done',
      ]),
    );
    // Warm up the engine's sockets once.
    const warm = await logs.open({ engineId: 'local', id, tail: 1, follow: true });
    await waitFor(() => linesOf(warm.streamId).length > 0);
    logs.close(warm.streamId);
    const before = activeResources();
    for (let cycle = 0; cycle < 40; cycle++) {
      const { streamId } = await logs.open({ engineId: 'local', id, tail: 1, follow: true });
      const statsStream = await stats.open({ engineId: 'local', id });
      logs.close(streamId);
      stats.close(statsStream.streamId);
    }
    expect(logs.openCount + stats.openCount).toBe(0);
    await waitFor(
      () => leftovers(before, activeResources()).filter((kind) => !kind.startsWith('TCP')).length === 0,
      {
        description: 'resources back to baseline',
      },
    );
    expect(leftovers(before, activeResources()).filter((kind) => kind.startsWith('PipeWrap'))).toEqual([]);
  });

  it('saves a log with the same filters to the chosen file', async () => {
    const id = await exited(uniqueName('save'), ['sh', '-c', 'echo first; echo second >&2; echo third']);
    savePath = join(workdir, 'saved.log');
    const result = await logs.save({ engineId: 'local', id, tail: 'all', timestamps: false });
    expect(result).toMatchObject({ completed: true, localPath: savePath, entries: 3 });
    expect((await readFile(savePath, 'utf8')).split('\n').sort()).toEqual(['', 'first', 'second', 'third']);
    savePath = undefined;
    expect(await logs.save({ engineId: 'local', id, timestamps: true })).toEqual({
      completed: false,
      bytes: 0,
    });
  });

  it('execs a command in a TTY, streams its output and reports the exit code', async () => {
    const id = await docker('run', '-d', ...containerArgs(uniqueName('exec'), GROUP));
    const { sessionId } = await execs.start({
      engineId: 'local',
      id,
      kind: 'exec',
      cmd: ['sh', '-c', 'echo hello from $(pwd) as $(id -u); exit 3'],
      workingDir: '/etc',
      user: '1234',
      cols: 80,
      rows: 24,
    });
    const ended = await waitFor(() => execEnded(sessionId), { description: 'exec:ended' });
    expect(outputOf(sessionId)).toContain('hello from /etc as 1234');
    expect(ended.exitCode).toBe(3);
    expect(execs.openCount).toBe(0);
  });

  it('takes input, resizes the TTY, and ignores a resize after exit', async () => {
    const id = await docker('run', '-d', ...containerArgs(uniqueName('shell'), GROUP));
    const { sessionId } = await execs.start({
      engineId: 'local',
      id,
      kind: 'exec',
      cmd: ['sh'],
      cols: 80,
      rows: 24,
    });
    await execs.resize({ sessionId, cols: 91, rows: 33 });
    execs.input(sessionId, 'stty size\n');
    await waitFor(() => outputOf(sessionId).includes('33 91'), { description: 'stty size output' });
    execs.input(sessionId, 'exit 0\n');
    const ended = await waitFor(() => execEnded(sessionId));
    expect(ended.exitCode).toBe(0);
    await expect(execs.resize({ sessionId, cols: 10, rows: 10 })).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });
  });

  it('shows the daemon’s error when the shell does not exist', async () => {
    const id = await docker('run', '-d', ...containerArgs(uniqueName('nobash'), GROUP));
    const { sessionId } = await execs.start({
      engineId: 'local',
      id,
      kind: 'exec',
      cmd: ['bash'],
      cols: 80,
      rows: 24,
    });
    const ended = await waitFor(() => execEnded(sessionId));
    expect(outputOf(sessionId)).toMatch(/executable file not found|no such file/i);
    expect(ended.exitCode).toBe(126);
  });

  it('attaches to the main process of a TTY container and refuses one without a TTY', async () => {
    const id = await docker('run', '-d', '-t', '-i', ...containerArgs(uniqueName('attach'), GROUP, ['sh']));
    const { sessionId } = await execs.start({ engineId: 'local', id, kind: 'attach', cols: 100, rows: 30 });
    execs.input(sessionId, 'echo attached-$((40+2))\n');
    await waitFor(() => outputOf(sessionId).includes('attached-42'), { description: 'attach output' });
    execs.close(sessionId);
    expect(execs.openCount).toBe(0);
    const plain = await docker('run', '-d', ...containerArgs(uniqueName('noattach'), GROUP));
    await expect(
      execs.start({ engineId: 'local', id: plain, kind: 'attach', cols: 80, rows: 24 }),
    ).rejects.toMatchObject({
      code: ErrorCode.Validation,
    });
  });

  it('streams stats samples while open', async () => {
    const id = await docker('run', '-d', ...containerArgs(uniqueName('stats'), GROUP));
    const { streamId } = await stats.open({ engineId: 'local', id });
    const sampled = await waitFor(
      () => {
        const samples = events.filter(
          (event) => event.name === IpcEvent.StatsSampled && event.payload.streamId === streamId,
        );
        return samples.length >= 2 ? samples : undefined;
      },
      { timeoutMs: 15_000, description: 'two stats samples' },
    );
    const last = sampled.at(-1);
    expect(last?.name).toBe(IpcEvent.StatsSampled);
    if (last?.name === IpcEvent.StatsSampled) {
      expect(last.payload.sample.memoryUsage).toBeGreaterThan(0);
      expect(last.payload.sample.memoryLimit).toBeGreaterThan(0);
      expect(last.payload.sample.pids).toBeGreaterThanOrEqual(1);
    }
    stats.close(streamId);
    expect(endedOf(streamId)).toBeUndefined();
  });

  it('inspects with env values masked, reveals one on request, and lists processes', async () => {
    const id = await docker(
      'run',
      '-d',
      '-e',
      'API_TOKEN=hunter2-secret',
      ...containerArgs(uniqueName('inspect'), GROUP),
    );
    const view = await inspector.inspect({ engineId: 'local', id });
    expect(view.id).toBe(id);
    expect(JSON.stringify(view.inspect)).not.toContain('hunter2');
    expect((view.inspect.Config as { Env: string[] }).Env).toContain(`API_TOKEN=${MASKED_VALUE}`);
    expect(await inspector.revealEnv({ engineId: 'local', id, key: 'API_TOKEN' })).toBe('hunter2-secret');
    await expect(inspector.revealEnv({ engineId: 'local', id, key: 'NOPE' })).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });
    const top = await inspector.top({ engineId: 'local', id });
    expect(top.titles).toContain('PID');
    expect(top.processes.some((row) => row.join(' ').includes('sleep 3600'))).toBe(true);
  });

  it('lists, uploads and downloads files through the archive API', async () => {
    const id = await docker(
      'run',
      '-d',
      ...containerArgs(uniqueName('files'), GROUP, [
        'sh',
        '-c',
        'mkdir -p /data/sub && echo hi > /data/sub/f && echo top > /data/a.txt && ln -s /data /lnk && sleep 3600',
      ]),
    );
    await waitFor(async () => (await docker('exec', id, 'ls', '/lnk')).includes('a.txt'));
    const listing = await archives.list({ engineId: 'local', id, path: '/data' });
    expect(listing.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['sub', 'directory'],
      ['a.txt', 'file'],
    ]);
    expect(listing.entries[1]).toMatchObject({ path: '/data/a.txt', size: 4 });
    const root = await archives.list({ engineId: 'local', id, path: '/' });
    expect(root.entries.find((entry) => entry.name === 'lnk')).toMatchObject({
      kind: 'symlink',
      linkTarget: '/data',
    });
    const throughLink = await archives.list({ engineId: 'local', id, path: '/lnk' });
    expect(throughLink.entries.map((entry) => entry.name)).toEqual(['sub', 'a.txt']);
    await expect(archives.list({ engineId: 'local', id, path: '/data/a.txt' })).rejects.toMatchObject({
      code: ErrorCode.Validation,
    });

    const local = join(workdir, 'upload me.bin');
    const content = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    await writeFile(local, content);
    openPath = local;
    expect(await archives.upload({ engineId: 'local', id, path: '/data/sub' })).toMatchObject({
      completed: true,
      bytes: 70_000,
    });
    expect(
      (await archives.list({ engineId: 'local', id, path: '/data/sub' })).entries.map((entry) => entry.name),
    ).toEqual(['f', 'upload me.bin']);

    savePath = join(workdir, 'downloaded.bin');
    expect(await archives.download({ engineId: 'local', id, path: '/data/sub/upload me.bin' })).toMatchObject(
      { completed: true, bytes: 70_000 },
    );
    expect((await readFile(savePath)).equals(content)).toBe(true);

    savePath = join(workdir, 'folder');
    const folder = await archives.download({ engineId: 'local', id, path: '/data' });
    expect(folder).toMatchObject({ completed: true, localPath: savePath });
    expect((await readdir(savePath)).sort()).toEqual(['a.txt', 'sub']);
    expect(await readFile(join(savePath, 'sub', 'f'), 'utf8')).toBe('hi\n');
    expect((await readFile(join(savePath, 'sub', 'upload me.bin'))).equals(content)).toBe(true);
  });
});

/** RFC 3339 with nanoseconds → Unix seconds with the fraction, as `until` takes it. */
function toUnixParam(ts: string): string {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!match) throw new Error(`not a timestamp: ${ts}`);
  const seconds = Math.floor(Date.parse(`${match[1]}${match[3]}`) / 1000);
  return `${seconds}.${(match[2] ?? '').padEnd(9, '0')}`;
}
