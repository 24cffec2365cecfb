import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';

import { ErrorCode, IpcError, MASKED_VALUE } from '../../../../electron/common';
import type { DockerEvent } from '../../../../electron/main/docker/engine/events';
import {
  affectsImageList,
  countImageUsers,
  prunePreview,
  sameImageSummary,
} from '../../../../electron/main/docker/images/image-service';
import {
  defaultArchiveName,
  toTransferError,
  withDefaultTag,
} from '../../../../electron/main/docker/images/image-transfers';
import { toImageDetails, toImageSummary } from '../../../../electron/main/docker/images/mappers';
import { containerSummary } from '../../../fixtures/container';

const ID = `sha256:${'a'.repeat(64)}`;

function event(type: string, action: string): DockerEvent {
  return { type, action, actorId: 'x', attributes: {}, timeNano: 1n };
}

function info(overrides: Partial<Dockerode.ImageInfo> = {}): Dockerode.ImageInfo {
  return {
    Id: ID,
    ParentId: '',
    RepoTags: ['busybox:1.36'],
    RepoDigests: ['busybox@sha256:' + 'b'.repeat(64)],
    Created: 1_700_000_000,
    Size: 4_000_000,
    VirtualSize: 4_000_000,
    SharedSize: -1,
    Labels: { team: 'berth' },
    Containers: -1,
    ...overrides,
  };
}

describe('toImageSummary', () => {
  it('maps a row, in milliseconds, with the usage count from the containers list', () => {
    expect(toImageSummary('local', info(), 2)).toEqual({
      engineId: 'local',
      id: ID,
      repoTags: ['busybox:1.36'],
      repoDigests: ['busybox@sha256:' + 'b'.repeat(64)],
      size: 4_000_000,
      created: 1_700_000_000_000,
      labels: { team: 'berth' },
      dangling: false,
      containers: 2,
    });
  });

  it('treats null tags and Docker’s <none> placeholders as no name (dangling)', () => {
    for (const tags of [undefined, [], ['<none>:<none>']]) {
      const summary = toImageSummary(
        'local',
        info({ RepoTags: tags, RepoDigests: ['<none>@<none>'], Labels: null as never }),
        0,
      );
      expect(summary).toMatchObject({ repoTags: [], repoDigests: [], dangling: true, labels: {} });
    }
  });
});

describe('toImageDetails', () => {
  const inspect = {
    Id: ID,
    RepoTags: ['app:1'],
    RepoDigests: [],
    Created: '2025-01-02T03:04:05.000Z',
    Size: 10,
    Architecture: 'amd64',
    Os: 'linux',
    Author: '',
    Config: {
      Env: ['PATH=/bin', 'TOKEN=abc=def', 'EMPTY'],
      Cmd: ['sh'],
      Entrypoint: null,
      WorkingDir: '/app',
      User: '1000',
      ExposedPorts: { '8080/tcp': {}, '53/udp': {} },
      Volumes: { '/data': {} },
      Labels: { a: 'b' },
    },
    ContainerConfig: { Env: ['TOKEN=abc=def'] },
  } as unknown as Dockerode.ImageInspectInfo;
  const history = [
    {
      Id: ID,
      Created: 1_700_000_000,
      CreatedBy: '/bin/sh -c #(nop) COPY a /a',
      Size: 5,
      Comment: '',
      Tags: ['app:1'],
    },
    {
      Id: '<missing>',
      Created: 1_600_000_000,
      CreatedBy: 'ADD rootfs',
      Size: 5,
      Comment: 'base',
      Tags: null,
    },
  ];

  it('keeps env values for the view and masks them in the inspect text', () => {
    const details = toImageDetails('local', inspect, history, []);
    expect(details.env).toEqual([
      { name: 'PATH', value: '/bin' },
      { name: 'TOKEN', value: 'abc=def' },
      { name: 'EMPTY', value: '' },
    ]);
    expect(details.inspect).not.toContain('abc=def');
    expect(details.inspect).toContain(`"TOKEN=${MASKED_VALUE}"`);
    expect(JSON.parse(details.inspect)).toMatchObject({ Id: ID, Os: 'linux' });
  });

  it('maps config, ports, volumes and history', () => {
    const details = toImageDetails('local', inspect, history, [{ id: 'c1', name: 'web', state: 'running' }]);
    expect(details).toMatchObject({
      created: Date.parse('2025-01-02T03:04:05.000Z'),
      cmd: ['sh'],
      entrypoint: [],
      workingDir: '/app',
      user: '1000',
      exposedPorts: ['53/udp', '8080/tcp'],
      volumes: ['/data'],
      labels: { a: 'b' },
      usedBy: [{ id: 'c1', name: 'web', state: 'running' }],
    });
    expect(details.history).toEqual([
      {
        id: ID,
        created: 1_700_000_000_000,
        createdBy: '/bin/sh -c #(nop) COPY a /a',
        size: 5,
        comment: '',
        tags: ['app:1'],
      },
      {
        id: '<missing>',
        created: 1_600_000_000_000,
        createdBy: 'ADD rootfs',
        size: 5,
        comment: 'base',
        tags: [],
      },
    ]);
  });
});

describe('the live list', () => {
  it.each([
    [event('image', 'pull'), true],
    [event('image', 'tag'), true],
    [event('image', 'untag'), true],
    [event('image', 'delete'), true],
    [event('image', 'load'), true],
    [event('image', 'push'), false],
    [event('image', 'save'), false],
    [event('container', 'commit'), true],
    [event('container', 'start'), false],
    [event('volume', 'create'), false],
  ])('%o changes the list: %s', (candidate, expected) => {
    expect(affectsImageList(candidate)).toBe(expected);
  });

  it('counts containers per image id', () => {
    const counts = countImageUsers([
      containerSummary({ imageId: 'sha256:1' }),
      containerSummary({ imageId: 'sha256:1' }),
      containerSummary({ imageId: 'sha256:2' }),
      containerSummary({ imageId: '' }),
    ]);
    expect([...counts]).toEqual([
      ['sha256:1', 2],
      ['sha256:2', 1],
    ]);
  });

  it('compares summaries field by field', () => {
    const a = toImageSummary('local', info(), 0);
    expect(sameImageSummary(a, { ...a })).toBe(true);
    expect(sameImageSummary(a, { ...a, containers: 1 })).toBe(false);
    expect(sameImageSummary(a, { ...a, repoTags: ['busybox:1.37'] })).toBe(false);
    expect(sameImageSummary(a, { ...a, labels: { team: 'other' } })).toBe(false);
  });
});

describe('prunePreview', () => {
  const images = [
    toImageSummary('local', info({ Id: 'sha256:dangling', RepoTags: [], Size: 10 }), 0),
    toImageSummary('local', info({ Id: 'sha256:dangling-used', RepoTags: [], Size: 20 }), 1),
    toImageSummary('local', info({ Id: 'sha256:unused', RepoTags: ['a:1'], Size: 30 }), 0),
    toImageSummary('local', info({ Id: 'sha256:used', RepoTags: ['b:1'], Size: 40 }), 2),
  ];

  it('dangling: untagged images no container uses', () => {
    expect(prunePreview('local', images, 'dangling')).toEqual({
      engineId: 'local',
      mode: 'dangling',
      images: [{ id: 'sha256:dangling', repoTags: [], size: 10 }],
      reclaimableBytes: 10,
    });
  });

  it('unused: every image no container uses, biggest first', () => {
    const preview = prunePreview('local', images, 'unused');
    expect(preview.images.map((image) => image.id)).toEqual(['sha256:unused', 'sha256:dangling']);
    expect(preview.reclaimableBytes).toBe(40);
  });
});

describe('transfers', () => {
  it.each([
    ['busybox', 'busybox:latest'],
    ['busybox:1.36', 'busybox:1.36'],
    ['127.0.0.1:5000/a/b', '127.0.0.1:5000/a/b:latest'],
    [`a@sha256:${'c'.repeat(64)}`, `a@sha256:${'c'.repeat(64)}`],
  ])('withDefaultTag(%s) = %s', (input, expected) => {
    expect(withDefaultTag(input)).toBe(expected);
  });

  it('names a saved archive after the first image', () => {
    expect(defaultArchiveName(['127.0.0.1:5000/berth/busybox:1.0'])).toBe(
      '127.0.0.1-5000-berth-busybox-1.0.tar',
    );
    expect(defaultArchiveName(['a:1', 'b:2', 'c:3'])).toBe('a-1-and-2-more.tar');
    expect(defaultArchiveName([`sha256:${'d'.repeat(64)}`])).toBe(`${'d'.repeat(64)}.tar`);
  });

  it('gives registry refusals the right code, keeping the words', () => {
    const serverError = (message: string) =>
      Object.assign(new Error('x'), { statusCode: 500, json: { message } });
    expect(
      toTransferError(serverError('Get http://r/v2/: unauthorized: authentication required'), 'unix:///s')
        .code,
    ).toBe(ErrorCode.Unauthorized);
    expect(toTransferError(serverError('no basic auth credentials'), 'unix:///s').code).toBe(
      ErrorCode.Unauthorized,
    );
    expect(
      toTransferError(serverError('manifest for r/a:b not found: manifest unknown'), 'unix:///s'),
    ).toMatchObject({
      code: ErrorCode.NotFound,
      message: 'manifest for r/a:b not found: manifest unknown',
    });
    expect(toTransferError(serverError('disk full'), 'unix:///s').code).toBe(ErrorCode.Internal);
    const cancelled = new IpcError(ErrorCode.Cancelled, 'Cancelled.');
    expect(toTransferError(cancelled, 'unix:///s')).toBe(cancelled);
  });
});
