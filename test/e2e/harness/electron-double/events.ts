/** Electron's `Event`: `preventDefault()` and `defaultPrevented`, plus whatever parameters the event carries. */
export type ElectronEvent<Params extends object = object> = {
  preventDefault: () => void;
  readonly defaultPrevented: boolean;
} & Params;

export function createEvent<Params extends object>(params: Params = {} as Params): ElectronEvent<Params> {
  let prevented = false;
  const event = {
    ...params,
    preventDefault: () => {
      prevented = true;
    },
  };
  Object.defineProperty(event, 'defaultPrevented', { get: () => prevented, enumerable: true });
  return event as unknown as ElectronEvent<Params>;
}

/** A settled-later promise with its resolve and reject. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}
