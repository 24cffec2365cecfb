import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ErrorCode } from '../../../../../electron/common';
import {
  baseImages,
  createBuildContext,
  dockerfileInContext,
} from '../../../../../electron/main/docker/images/build/build-context';
import { LineSplitter, parseStep } from '../../../../../electron/main/docker/images/build/build-service';

/** `tar -tv` of a stream: entry names and owners, as the daemon will see them. */
function listTar(stream: Readable): Promise<Array<{ name: string; owner: string }>> {
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', ['-tv', '--numeric-owner', '-f', '-']);
    let out = '';
    tar.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    tar.on('error', reject);
    tar.on('close', (code) => {
      if (code !== 0) return reject(new Error(`tar exited ${code}`));
      resolve(
        out
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const parts = line.split(/\s+/);
            return {
              name: parts
                .slice(5)
                .join(' ')
                .replace(/ -> .*/, ''),
              owner: parts[1] ?? '',
            };
          }),
      );
    });
    stream.pipe(tar.stdin);
  });
}

describe('createBuildContext', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-context-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function files(entries: Record<string, string>): Promise<void> {
    for (const [name, content] of Object.entries(entries)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), content);
    }
  }

  it('leaves out what .dockerignore excludes, always sends the Dockerfile and .dockerignore, zeroes owners', async () => {
    await files({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'node_modules\n*.log\n!keep.log\nDockerfile\n.dockerignore\nsecrets/**\n',
      'node_modules/x/index.js': '',
      'src/app.js': '',
      'src/node_modules/y.js': '',
      'a.log': '',
      'keep.log': '',
      'secrets/key.pem': '',
    });
    await symlink('src/app.js', join(dir, 'link'));
    const context = await createBuildContext(dir, undefined);
    expect(context.dockerfile).toBe('Dockerfile');
    const entries = await listTar(context.tar);
    const names = entries
      .map((entry) => entry.name.replace(/^\.\//, '').replace(/\/$/, ''))
      .filter((n) => n !== '.');
    expect(names.sort()).toEqual(
      [
        '.dockerignore',
        'Dockerfile',
        'keep.log',
        'link',
        'src',
        'src/app.js',
        'src/node_modules',
        'src/node_modules/y.js',
        'secrets',
      ].sort(),
    );
    expect(new Set(entries.map((entry) => entry.owner))).toEqual(new Set(['0/0']));
  });

  it('walks into an excluded folder only for what a ! pattern re-includes', async () => {
    await files({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'vendor\n!vendor/keep\n',
      'vendor/keep/a': '',
      'vendor/drop/b': '',
    });
    const names = (await listTar((await createBuildContext(dir, undefined)).tar)).map((entry) =>
      entry.name.replace(/\/$/, ''),
    );
    expect(names.sort()).toEqual(['.dockerignore', 'Dockerfile', 'vendor/keep', 'vendor/keep/a'].sort());
  });

  it('sends everything without a .dockerignore, and a Dockerfile in a sub-folder', async () => {
    await files({ 'docker/app.Dockerfile': 'FROM scratch\nCOPY a /a\n', a: 'x' });
    const context = await createBuildContext(dir, 'docker/app.Dockerfile');
    expect(context.dockerfile).toBe('docker/app.Dockerfile');
    expect(context.dockerfileText).toContain('COPY a /a');
    const names = (await listTar(context.tar)).map((entry) =>
      entry.name.replace(/^\.\//, '').replace(/\/$/, ''),
    );
    expect(names).toEqual(expect.arrayContaining(['a', 'docker', 'docker/app.Dockerfile']));
  });

  it('refuses a missing folder or Dockerfile with NOT_FOUND', async () => {
    await expect(createBuildContext(join(dir, 'nope'), undefined)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
    });
    await expect(createBuildContext(dir, 'Dockerfile')).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      message: expect.stringContaining('no Dockerfile at Dockerfile') as unknown,
    });
  });
});

describe('dockerfileInContext', () => {
  it.each([
    [undefined, 'Dockerfile'],
    ['', 'Dockerfile'],
    ['docker/../Dockerfile.dev', 'Dockerfile.dev'],
    ['docker\\prod.Dockerfile', 'docker/prod.Dockerfile'],
  ])('%j → %s', (input, expected) => {
    expect(dockerfileInContext(input)).toBe(expected);
  });

  it.each(['../Dockerfile', '/etc/passwd', 'a/../../b', '.'])('refuses %s', (input) => {
    expect(() => dockerfileInContext(input)).toThrow(/inside the build folder/);
  });
});

describe('baseImages', () => {
  it('finds the images FROM lines pull, not stages, scratch or ARG references', () => {
    const text = [
      'ARG BASE=alpine',
      'FROM --platform=linux/amd64 registry.local:5000/team/builder:1 AS build',
      'FROM scratch',
      'FROM build AS again',
      'from busybox:1.36',
      'FROM ${BASE}',
      'FROM \\',
      '  ghcr.io/o/tool:2',
      '',
    ].join('\n');
    expect(baseImages(text)).toEqual([
      'registry.local:5000/team/builder:1',
      'busybox:1.36',
      'ghcr.io/o/tool:2',
    ]);
  });
});

describe('build output', () => {
  it('splits chunks into whole lines, across chunk boundaries', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('Step 1/2 : FROM scratch\n ---> Run')).toEqual(['Step 1/2 : FROM scratch']);
    expect(splitter.push('ning in abc\r\nprogress\rdone\n')).toEqual([
      ' ---> Running in abc',
      'progress',
      'done',
    ]);
    expect(splitter.push('tail')).toEqual([]);
    expect(splitter.flush()).toEqual(['tail']);
    expect(splitter.flush()).toEqual([]);
  });

  it('reads the classic builder’s step lines', () => {
    expect(parseStep('Step 2/5 : COPY . /app')).toEqual({
      index: 2,
      count: 5,
      text: 'Step 2/5 : COPY . /app',
    });
    expect(parseStep(' ---> 1234')).toBeUndefined();
  });
});
