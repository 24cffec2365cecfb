import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  type EngineId,
  ErrorCode,
  formatBytes,
  type ImageLoadRequest,
  type ImageRefRequest,
  type ImageSaveRequest,
  type ImageSummary,
  IpcError,
  type OperationSummary,
} from '../../../common';
import {
  parseReference,
  type RegistryCredentials,
  registryOfReference,
} from '../../credentials/registry-auth';
import { classifyFailure, DockerProgressTracker, followDockerProgress } from '../../ops/docker-progress';
import type { OperationContext, OperationRegistry } from '../../ops/operation-registry';
import type { EngineRegistry } from '../engine/engine-registry';
import { toIpcError } from '../engine/errors';
import { requestJson, requestStream } from '../engine/requests';
import { partialFiles } from '../partial-files';
import type { FileDialogs } from '../ports';

export type { FileDialogs } from '../ports';

/** `busybox` → `busybox:latest`, as the CLI pulls and pushes. A digest reference stays as it is. */
export function withDefaultTag(reference: string): string {
  const parsed = parseReference(reference);
  if (parsed.tag !== undefined || parsed.digest !== undefined) return reference;
  return `${reference}:latest`;
}

/**
 * An error of a pull, push, save or load as the user should read it: a registry's "not found" or "unauthorized"
 * (often an HTTP 500 from the daemon) keeps the registry's words but gets the right code.
 */
export function toTransferError(error: unknown, address: string): IpcError {
  const ipcError = toIpcError(error, { address });
  if (ipcError.code !== ErrorCode.Internal && ipcError.code !== ErrorCode.NotFound) return ipcError;
  // What the daemon says when it had no credentials to send at all.
  const code = /no basic auth credentials|authorization failed|no credentials/i.test(ipcError.message)
    ? ErrorCode.Unauthorized
    : classifyFailure(ipcError.message);
  return code === ipcError.code || code === ErrorCode.Internal
    ? ipcError
    : new IpcError(code, ipcError.message, { cause: error });
}

/** Counts the bytes passing through. */
class ByteCounter extends Transform {
  bytes = 0;

  constructor(private readonly onBytes: (bytes: number) => void) {
    super();
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null, data?: Buffer) => void,
  ): void {
    this.bytes += chunk.length;
    this.onBytes(this.bytes);
    callback(null, chunk);
  }
}

/** A file name for a saved image: `team-app-1.0.tar`. */
export function defaultArchiveName(refs: readonly string[]): string {
  const first = refs[0] ?? 'images';
  const name = first
    .replace(/^sha256:/, '')
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${name === '' ? 'images' : name}${refs.length > 1 ? `-and-${refs.length - 1}-more` : ''}.tar`;
}

/**
 * Pull, push, save and load as long-running operations (the task list shows them, they can be cancelled, several
 * run at once). Pull and push send `X-Registry-Auth` built in main from {@link RegistryCredentials}; progress is
 * Docker's per-layer JSON folded by {@link DockerProgressTracker}, where an `errorDetail` line is a failure even
 * when the stream ends normally. Save and load report bytes.
 */
export class ImageTransfers {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly operations: OperationRegistry,
    private readonly credentials: RegistryCredentials,
    private readonly dialogs: FileDialogs,
    /** The last listed images, to estimate a save's size. */
    private readonly cachedImages: (engineId: EngineId) => ImageSummary[] = () => [],
  ) {}

  /** Starts pulling `ref` (`:latest` when it names no tag). @throws ENGINE_UNREACHABLE at once. */
  pull(request: ImageRefRequest): OperationSummary {
    if (request.ref.startsWith('sha256:')) {
      throw new IpcError(ErrorCode.Validation, 'Pull takes an image name like busybox:1.36, not an id.');
    }
    const reference = withDefaultTag(request.ref);
    const address = this.connected(request.engineId);
    return this.operations.start(
      { kind: 'image.pull', engineId: request.engineId, title: `Pull ${reference}` },
      async (context) => {
        const auth = await this.credentials.resolve(registryOfReference(reference));
        const { repository, tag, digest } = parseReference(reference);
        const stream = await this.open(address, () =>
          requestStream(this.engines.client(request.engineId), {
            path: '/images/create',
            method: 'POST',
            query: { fromImage: repository, tag: digest ?? tag ?? 'latest' },
            signal: context.signal,
            ...(auth !== undefined ? { auth } : {}),
          }),
        );
        await this.follow(stream, context, address);
        const image = await this.engines.request(request.engineId, (client, signal) =>
          requestJson<{ Id?: string }>(client, { path: `/images/${reference}/json`, method: 'GET', signal }),
        );
        return image.Id !== undefined ? { resultId: image.Id } : undefined;
      },
    );
  }

  /** Starts pushing `ref` (`:latest` when it names no tag) to its registry. */
  push(request: ImageRefRequest): OperationSummary {
    const reference = withDefaultTag(request.ref);
    const { repository, tag, digest } = parseReference(reference);
    if (digest !== undefined) throw new IpcError(ErrorCode.Validation, 'Push takes a tag, not a digest.');
    const address = this.connected(request.engineId);
    return this.operations.start(
      { kind: 'image.push', engineId: request.engineId, title: `Push ${reference}` },
      async (context) => {
        const registry = registryOfReference(reference);
        // The daemon wants the header even for an anonymous push.
        const auth = (await this.credentials.resolve(registry)) ?? { serveraddress: registry };
        const stream = await this.open(address, () =>
          requestStream(this.engines.client(request.engineId), {
            path: `/images/${repository}/push`,
            method: 'POST',
            query: { tag: tag ?? 'latest' },
            signal: context.signal,
            auth,
          }),
        );
        const tracker = await this.follow(stream, context, address);
        return tracker.result !== undefined ? { resultId: tracker.result } : undefined;
      },
    );
  }

  /**
   * Asks where to save, then writes `docker save` of the refs there (through a temp file, so a cancelled or
   * failed save leaves nothing half-written). `null` when the user cancelled the dialog.
   */
  async save(request: ImageSaveRequest): Promise<OperationSummary | null> {
    const address = this.connected(request.engineId);
    const path = await this.dialogs.chooseSavePath({
      title: request.refs.length === 1 ? `Save ${request.refs[0]}` : `Save ${request.refs.length} images`,
      defaultName: defaultArchiveName(request.refs),
      filters: [{ name: 'Tar archive', extensions: ['tar'] }],
    });
    if (path === undefined) return null;
    const estimate = this.estimateSize(request.engineId, request.refs);
    return this.operations.start(
      {
        kind: 'image.save',
        engineId: request.engineId,
        title: `Save ${request.refs.join(', ')} to ${basename(path)}`,
      },
      async (context) => {
        const stream = await this.open(address, () =>
          requestStream(this.engines.client(request.engineId), {
            path: '/images/get',
            method: 'GET',
            query: { names: request.refs },
            signal: context.signal,
          }),
        );
        const counter = new ByteCounter((bytes) =>
          context.report({
            ...(estimate > 0 ? { fraction: Math.min(0.99, bytes / estimate) } : {}),
            text: `${formatBytes(bytes, 'transfer')} written`,
          }),
        );
        try {
          await partialFiles.write(path, (partial) =>
            pipeline(stream, counter, createWriteStream(partial, { flags: 'wx', mode: 0o644 }), {
              signal: context.signal,
            }),
          );
        } catch (error) {
          if (context.signal.aborted) throw new IpcError(ErrorCode.Cancelled, 'Cancelled.');
          throw error instanceof IpcError
            ? error
            : new IpcError(ErrorCode.Internal, `Saving to ${path} failed: ${(error as Error).message}`);
        }
        context.report({ fraction: 1, text: `${formatBytes(counter.bytes, 'transfer')} written to ${path}` });
        return { resultId: path };
      },
    );
  }

  /** Asks for a tar file, then loads the images in it (`docker load`). `null` when the user cancelled the dialog. */
  async load(request: ImageLoadRequest): Promise<OperationSummary | null> {
    const address = this.connected(request.engineId);
    const path = await this.dialogs.chooseOpenPath({
      kind: 'file',
      title: 'Load images from a tar file',
      filters: [
        { name: 'Image archives', extensions: ['tar', 'gz', 'tgz', 'xz', 'bz2', 'zst'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
    if (path === undefined) return null;
    return this.operations.start(
      { kind: 'image.load', engineId: request.engineId, title: `Load ${basename(path)}` },
      async (context) => {
        let size: number;
        try {
          size = (await stat(path)).size;
        } catch (error) {
          throw new IpcError(
            ErrorCode.NotFound,
            `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
          );
        }
        const file = createReadStream(path);
        const counter = new ByteCounter((bytes) =>
          context.report({ fraction: size > 0 ? Math.min(0.99, bytes / size) : undefined }),
        );
        file.on('error', (error) => counter.destroy(error));
        file.pipe(counter);
        const loaded: string[] = [];
        try {
          const stream = await this.open(address, () =>
            requestStream(this.engines.client(request.engineId), {
              path: '/images/load',
              method: 'POST',
              query: { quiet: false },
              signal: context.signal,
              file: counter,
            }),
          );
          await this.follow(stream, context, address, (line) => {
            const name = /^Loaded image(?: ID)?: (.+)$/.exec(line.trim())?.[1];
            if (name !== undefined) loaded.push(name);
          });
        } finally {
          file.destroy();
        }
        context.report({
          fraction: 1,
          text: loaded.length > 0 ? `Loaded ${loaded.join(', ')}` : 'Loaded',
        });
        return loaded[0] !== undefined ? { resultId: loaded[0] } : undefined;
      },
    );
  }

  /** The engine's address; throws ENGINE_UNREACHABLE now rather than starting an operation bound to fail. */
  private connected(engineId: EngineId): string {
    this.engines.client(engineId);
    return this.engines.info(engineId).address;
  }

  private async open(address: string, request: () => Promise<Readable>): Promise<Readable> {
    try {
      return await request();
    } catch (error) {
      throw toTransferError(error, address);
    }
  }

  /** Follows a JSON progress stream into the operation; output lines (`stream`) go to its output too. */
  private async follow(
    stream: Readable,
    context: OperationContext,
    address: string,
    onLine?: (line: string) => void,
  ): Promise<DockerProgressTracker> {
    const tracker = new DockerProgressTracker();
    try {
      await followDockerProgress(stream, tracker, {
        signal: context.signal,
        onProgress: () => context.report(tracker.snapshot()),
        onLine: (text) => {
          const lines = text.split('\n').filter((line) => line.trim() !== '');
          context.appendLines(lines);
          if (onLine !== undefined) for (const line of lines) onLine(line);
        },
      });
    } catch (error) {
      throw toTransferError(error, address);
    }
    context.report(tracker.snapshot());
    return tracker;
  }

  private estimateSize(engineId: EngineId, refs: readonly string[]): number {
    const images = this.cachedImages(engineId);
    const found = new Map<string, number>();
    for (const ref of refs) {
      const tagged = withDefaultTag(ref);
      const image = images.find(
        (candidate) =>
          candidate.id === ref ||
          candidate.id.startsWith(ref.startsWith('sha256:') ? ref : `sha256:${ref}`) ||
          candidate.repoTags.includes(tagged),
      );
      if (image !== undefined) found.set(image.id, image.size);
    }
    return [...found.values()].reduce((sum, size) => sum + size, 0);
  }
}
