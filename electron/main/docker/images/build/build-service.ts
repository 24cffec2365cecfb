import { resolve } from 'node:path';

import {
  ErrorCode,
  type ImageBuildRequest,
  IpcError,
  type OperationSummary,
  type ProgressItem,
} from '../../../../common';
import {
  type RegistryAuth,
  type RegistryCredentials,
  registryOfReference,
} from '../../../credentials/registry-auth';
import { DockerProgressTracker, followDockerProgress } from '../../../ops/docker-progress';
import type { OperationContext, OperationRegistry } from '../../../ops/operation-registry';
import type { EngineRegistry } from '../../engine/engine-registry';
import { requestStream } from '../../engine/requests';
import { type FileDialogs, toTransferError } from '../image-transfers';
import { baseImages, type BuildContext, createBuildContext } from './build-context';

/** How many chosen folders are remembered as allowed build contexts. */
const MAX_CHOSEN = 32;

/** Splits streamed build output into whole lines (a chunk may end mid-line). */
export class LineSplitter {
  private partial = '';

  /** The complete lines in `text` (after what was left over last time). */
  push(text: string): string[] {
    const lines = (this.partial + text).split(/\r\n|\n|\r/);
    this.partial = lines.pop() ?? '';
    return lines;
  }

  /** What is left without a newline at the end. */
  flush(): string[] {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? [] : [rest];
  }
}

/** `Step 2/5 : COPY . /app` → its numbers, for the classic builder's output. */
export function parseStep(line: string): { index: number; count: number; text: string } | undefined {
  const match = /^Step (\d+)\/(\d+) : (.*)$/.exec(line.trim());
  if (match === null) return undefined;
  return { index: Number(match[1]), count: Number(match[2]), text: line.trim() };
}

/**
 * `docker build` from a local folder as a long-running operation: the folder is tarred in main (honouring
 * `.dockerignore`), sent to `POST /build` with the Dockerfile path, tags, build args, target, no-cache and pull,
 * and the output streams into the operation line by line. An error line fails the operation with the failing
 * step's text. Only folders the user picked through {@link chooseContext} can be built, so the renderer cannot
 * make main read arbitrary folders.
 */
export class BuildService {
  private readonly chosen: string[] = [];

  constructor(
    private readonly engines: EngineRegistry,
    private readonly operations: OperationRegistry,
    private readonly credentials: RegistryCredentials,
    private readonly dialogs: FileDialogs,
  ) {}

  /** Opens the folder dialog; the folder picked becomes a valid build context. `null` when cancelled. */
  async chooseContext(): Promise<{ path: string } | null> {
    const picked = await this.dialogs.chooseOpenPath({
      title: 'Choose the folder to build',
      kind: 'directory',
    });
    if (picked === undefined) return null;
    const path = resolve(picked);
    this.allow(path);
    return { path };
  }

  /** Makes `path` a valid build context without the dialog (tests, and callers in main that chose it). */
  allow(path: string): void {
    const absolute = resolve(path);
    const index = this.chosen.indexOf(absolute);
    if (index !== -1) this.chosen.splice(index, 1);
    this.chosen.push(absolute);
    if (this.chosen.length > MAX_CHOSEN) this.chosen.shift();
  }

  /** Checks the request, then starts the build. @throws VALIDATION/NOT_FOUND/FORBIDDEN before anything starts. */
  async build(request: ImageBuildRequest): Promise<OperationSummary> {
    const contextDir = resolve(request.context);
    if (!this.chosen.includes(contextDir)) {
      throw new IpcError(ErrorCode.Forbidden, 'Choose the folder to build with the folder dialog first.');
    }
    this.engines.client(request.engineId);
    const address = this.engines.info(request.engineId).address;
    const context = await createBuildContext(contextDir, request.dockerfile);
    const title = `Build ${request.tags[0] ?? contextDir}`;
    try {
      return this.operations.start({ kind: 'image.build', engineId: request.engineId, title }, (operation) =>
        this.run(request, context, operation, address).finally(() => context.tar.destroy()),
      );
    } catch (error) {
      context.tar.destroy();
      throw error;
    }
  }

  private async run(
    request: ImageBuildRequest,
    context: BuildContext,
    operation: OperationContext,
    address: string,
  ): Promise<{ resultId?: string }> {
    const registryConfig = await this.registryConfig(context.dockerfileText);
    let packError: Error | undefined;
    context.tar.once('error', (error: Error) => {
      packError = error;
    });
    const stream = await (async () => {
      try {
        return await requestStream(this.engines.client(request.engineId), {
          path: '/build',
          method: 'POST',
          query: {
            dockerfile: context.dockerfile,
            ...(request.tags.length > 0 ? { t: request.tags } : {}),
            buildargs: request.buildArgs,
            ...(request.target !== undefined && request.target !== '' ? { target: request.target } : {}),
            nocache: request.noCache,
            pull: request.pull,
            rm: true,
            forcerm: true,
          },
          signal: operation.signal,
          file: context.tar,
          ...(Object.keys(registryConfig).length > 0 ? { registryConfig } : {}),
        });
      } catch (error) {
        throw packError !== undefined ? this.unreadable(packError) : toTransferError(error, address);
      }
    })();

    const tracker = new DockerProgressTracker();
    const splitter = new LineSplitter();
    const steps: ProgressItem[] = [];
    let currentStep: string | undefined;
    let builtId: string | undefined;
    const take = (lines: string[]): void => {
      if (lines.length === 0) return;
      operation.appendLines(lines);
      for (const line of lines) {
        const step = parseStep(line);
        if (step !== undefined) {
          for (const previous of steps) previous.done = true;
          steps.push({ id: `step-${step.index}`, status: step.text, done: false });
          currentStep = step.text;
          operation.report({
            fraction: (step.index - 1) / step.count,
            text: step.text,
            items: steps.map((item) => ({ ...item })),
          });
        }
        builtId = /^Successfully built ([0-9a-f]{12,64})$/.exec(line.trim())?.[1] ?? builtId;
      }
    };
    try {
      await followDockerProgress(stream, tracker, {
        signal: operation.signal,
        onLine: (text) => take(splitter.push(text)),
      });
      take(splitter.flush());
    } catch (error) {
      take(splitter.flush());
      if (operation.signal.aborted) throw error;
      if (packError !== undefined) throw this.unreadable(packError);
      const failure = toTransferError(error, address);
      const message =
        tracker.failure() !== undefined && currentStep !== undefined
          ? `${currentStep} failed: ${failure.message}`
          : failure.message;
      operation.appendLines([`ERROR: ${message}`]);
      throw new IpcError(failure.code, message, { cause: error });
    }
    for (const step of steps) step.done = true;
    const resultId = tracker.result ?? builtId;
    const built = request.tags.length > 0 ? request.tags.join(', ') : (resultId ?? 'the image');
    operation.report({ fraction: 1, text: `Built ${built}`, items: steps.map((item) => ({ ...item })) });
    return resultId !== undefined ? { resultId } : {};
  }

  /** `X-Registry-Config` for the registries the Dockerfile pulls from (and only those). */
  private async registryConfig(dockerfileText: string): Promise<Record<string, RegistryAuth>> {
    const config: Record<string, RegistryAuth> = {};
    for (const image of baseImages(dockerfileText)) {
      const registry = registryOfReference(image);
      if (Object.hasOwn(config, registry)) continue;
      const auth = await this.credentials.resolve(registry).catch(() => undefined);
      if (auth !== undefined) config[registry] = auth;
    }
    return config;
  }

  private unreadable(error: Error): IpcError {
    return new IpcError(ErrorCode.Validation, `Cannot read the build folder: ${error.message}`);
  }
}
