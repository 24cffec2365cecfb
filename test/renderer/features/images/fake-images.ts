import {
  type EngineId,
  ErrorCode,
  type ImageDetails,
  type ImagePruneMode,
  type ImageSummary,
  IpcChannel,
  IpcEvent,
  type OperationSummary,
  type RegistryList,
} from '../../../../electron/common';
import { FakeBerth } from '../../support/fake-bridge';

let counter = 0;

/** An image as main sends it; override what the test cares about. */
export function makeImage(overrides: Partial<ImageSummary> = {}): ImageSummary {
  counter += 1;
  const id = overrides.id ?? `sha256:${counter.toString(16).padStart(4, '0').repeat(16)}`;
  const repoTags = overrides.repoTags ?? [`app-${counter}:1.0`];
  return {
    engineId: 'local',
    id,
    repoTags,
    repoDigests: [],
    size: 5_000_000,
    created: Date.UTC(2025, 0, 1),
    labels: {},
    dangling: repoTags.length === 0,
    containers: 0,
    ...overrides,
  };
}

/** Details of an image for the drawer. */
export function makeDetails(image: ImageSummary, overrides: Partial<ImageDetails> = {}): ImageDetails {
  return {
    engineId: image.engineId,
    id: image.id,
    repoTags: image.repoTags,
    repoDigests: image.repoDigests,
    size: image.size,
    created: image.created,
    architecture: 'amd64',
    os: 'linux',
    author: '',
    labels: image.labels,
    cmd: ['sh'],
    entrypoint: [],
    workingDir: '',
    user: '',
    exposedPorts: [],
    volumes: [],
    env: [{ name: 'API_TOKEN', value: 'hunter2' }],
    history: [
      {
        id: image.id,
        created: image.created,
        createdBy: '/bin/sh -c #(nop) COPY a /a',
        size: 10,
        comment: '',
        tags: [],
      },
    ],
    usedBy: [],
    inspect: `{"Id": "${image.id}", "Config": {"Env": ["API_TOKEN=••••"]}}`,
    ...overrides,
  };
}

/** The fake engines of each bridge: several `FakeImages` over one bridge are several hosts. */
const hostsOf = new WeakMap<FakeBerth, Map<EngineId, FakeImages>>();

/**
 * The images and registries side of main over a {@link FakeBerth}: one engine's list with revisions whose changes
 * are emitted as `images:changed`, removals and tags that change it, operations that start and can be finished by
 * hand, and registry logins. Another `FakeImages` on the same bridge with another `engineId` is a second host:
 * each call goes to the fake of the engine it names.
 */
export class FakeImages {
  readonly berth: FakeBerth;
  readonly engineId: EngineId;
  images = new Map<string, ImageSummary>();
  revision = 0;
  registries: RegistryList = { logins: [], canStoreSecrets: true };
  readonly started: OperationSummary[] = [];
  private opCounter = 0;

  constructor(images: ImageSummary[] = [], berth = new FakeBerth(), engineId: EngineId = 'local') {
    this.berth = berth;
    this.engineId = engineId;
    for (const image of images) this.images.set(image.id, { ...image, engineId });
    const hosts = hostsOf.get(berth) ?? new Map<EngineId, FakeImages>();
    hostsOf.set(berth, hosts);
    hosts.set(engineId, this);
    // The first fake answers (registries are not per engine); it sends each engine's calls to that engine's fake.
    if (hosts.size === 1) this.answerFor(hosts);
  }

  private answerFor(hosts: Map<EngineId, FakeImages>): void {
    const berth = this.berth;
    const on = (engineId: EngineId): FakeImages => {
      const host = hosts.get(engineId);
      if (host === undefined) throw new Error(`no fake engine ${engineId}`);
      return host;
    };
    berth.answer(IpcChannel.ImagesList, (engineId: EngineId) => on(engineId).list());
    berth.answer(IpcChannel.ImagesInspect, ({ engineId, id }) => on(engineId).inspect(id));
    berth.answer(IpcChannel.ImagesRemove, ({ engineId, refs, force }) => on(engineId).remove(refs, force));
    berth.answer(IpcChannel.ImagesTag, ({ engineId, source, target }) => on(engineId).tag(source, target));
    berth.answer(IpcChannel.ImagesPrunePreview, ({ engineId, mode }) => on(engineId).prunePreview(mode));
    berth.answer(IpcChannel.ImagesPrune, ({ engineId, mode }) => on(engineId).prune(mode));
    berth.answer(IpcChannel.ImagesPull, ({ engineId, ref }) =>
      on(engineId).start('image.pull', engineId, `Pull ${ref}`),
    );
    berth.answer(IpcChannel.ImagesPush, ({ engineId, ref }) =>
      on(engineId).start('image.push', engineId, `Push ${ref}`),
    );
    berth.answer(IpcChannel.ImagesBuild, ({ engineId, tags }) =>
      on(engineId).start('image.build', engineId, `Build ${tags[0] ?? 'image'}`),
    );
    berth.answer(IpcChannel.ImagesChooseBuildContext, () => ({ path: '/home/me/app' }));
    berth.answer(IpcChannel.ImagesSave, ({ engineId, refs }) =>
      on(engineId).start('image.save', engineId, `Save ${refs.join(', ')}`),
    );
    berth.answer(IpcChannel.ImagesLoad, ({ engineId }) =>
      on(engineId).start('image.load', engineId, 'Load images.tar'),
    );
    berth.answer(IpcChannel.RegistriesList, () => this.registries);
    // A refused login is scripted with `berth.failNext(IpcChannel.RegistriesLogin, …)`.
    berth.answer(IpcChannel.RegistriesLogin, ({ registry, username }) => {
      const login = { registry, username, source: 'berth' as const };
      this.registries = { ...this.registries, logins: [...this.registries.logins, login] };
      return login;
    });
    berth.answer(IpcChannel.RegistriesLogout, ({ registry }) => {
      this.registries = {
        ...this.registries,
        logins: this.registries.logins.filter((login) => login.registry !== registry),
      };
    });
  }

  private list() {
    return { engineId: this.engineId, revision: this.revision, items: [...this.images.values()] };
  }

  private inspect(id: string): ImageDetails {
    const image = this.images.get(id);
    if (image === undefined) throw new Error(`no image ${id}`);
    return makeDetails(image);
  }

  private remove(refs: string[], force: boolean | undefined) {
    return refs.map((ref) => {
      const image = this.find(ref);
      if (image === undefined) {
        return {
          ref,
          untagged: [],
          deleted: [],
          error: { code: ErrorCode.NotFound, message: `No such image: ${ref}` },
        };
      }
      if (image.containers > 0 && force !== true) {
        return {
          ref,
          untagged: [],
          deleted: [],
          error: {
            code: ErrorCode.Conflict,
            message: `${ref} is used by the container web (exited). Remove that container first, or force the removal.`,
          },
        };
      }
      if (ref !== image.id && image.repoTags.length > 1) {
        this.change({ ...image, repoTags: image.repoTags.filter((tag) => tag !== ref) });
        return { ref, untagged: [ref], deleted: [] };
      }
      this.delete(image.id);
      return { ref, untagged: image.repoTags, deleted: [image.id] };
    });
  }

  private tag(source: string, target: string): void {
    const image = this.find(source);
    if (image === undefined) throw new Error(`no image ${source}`);
    this.change({
      ...image,
      repoTags: [...image.repoTags, target.includes(':') ? target : `${target}:latest`],
    });
  }

  private prunable(mode: ImagePruneMode): ImageSummary[] {
    return [...this.images.values()].filter(
      (image) => image.containers === 0 && (mode === 'unused' || image.dangling),
    );
  }

  private prunePreview(mode: ImagePruneMode) {
    const images = this.prunable(mode).map((image) => ({
      id: image.id,
      repoTags: image.repoTags,
      size: image.size,
    }));
    return {
      engineId: this.engineId,
      mode,
      images,
      reclaimableBytes: images.reduce((sum, image) => sum + image.size, 0),
    };
  }

  private prune(mode: ImagePruneMode) {
    const gone = this.prunable(mode);
    for (const image of gone) this.delete(image.id);
    return {
      engineId: this.engineId,
      deleted: gone.map((image) => image.id),
      untagged: [],
      reclaimedBytes: gone.reduce((sum, image) => sum + image.size, 0),
    };
  }

  private find(ref: string): ImageSummary | undefined {
    return [...this.images.values()].find(
      (candidate) => candidate.id === ref || candidate.repoTags.includes(ref),
    );
  }

  /** An upsert as a daemon event would make it: next revision, change emitted. */
  change(image: ImageSummary): void {
    this.images.set(image.id, image);
    this.revision += 1;
    this.berth.emit(IpcEvent.ImagesChanged, {
      engineId: this.engineId,
      revision: this.revision,
      upserted: [image],
      removed: [],
    });
  }

  delete(id: string): void {
    this.images.delete(id);
    this.revision += 1;
    this.berth.emit(IpcEvent.ImagesChanged, {
      engineId: this.engineId,
      revision: this.revision,
      upserted: [],
      removed: [id],
    });
  }

  /** Starts an operation as main would: the summary is returned and announced. */
  start(kind: string, engineId: EngineId, title: string): OperationSummary {
    this.opCounter += 1;
    const summary: OperationSummary = {
      id: `op-${this.opCounter}-test`,
      kind,
      engineId,
      title,
      state: 'running',
      startedAt: Date.now() + this.opCounter,
      progress: { items: [] },
    };
    this.started.push(summary);
    this.berth.emit(IpcEvent.OperationUpdated, { operation: summary, appendedLines: [], droppedLines: 0 });
    return summary;
  }

  /** Pushes one update of an operation (progress, lines, or its end). */
  update(id: string, patch: Partial<OperationSummary>, lines: string[] = []): OperationSummary {
    const index = this.started.findIndex((summary) => summary.id === id);
    const next = { ...this.started[index], ...patch };
    this.started[index] = next;
    this.berth.emit(IpcEvent.OperationUpdated, { operation: next, appendedLines: lines, droppedLines: 0 });
    return next;
  }
}
