// Berth's one deadline mechanism: an AbortSignal that aborts with a DeadlineExceededError when time runs out.
// docker-modem and Node's http honour the signal, so the request really ends (not just the promise). Unary calls
// use `withDeadline` (EngineRegistry.request wraps every dockerode call in it); a stream that must outlive its
// opening deadline arms one on its own controller (`armDeadline`, see openEngineStream in requests.ts).

/** Why a request was aborted when its deadline passed (carried as the AbortSignal's reason). */
export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Deadline of ${timeoutMs} ms exceeded`);
    this.name = 'TimeoutError';
  }
}

/**
 * Aborts `controller` with a {@link DeadlineExceededError} after `timeoutMs`. Returns the disarm function, which
 * the caller must call once the guarded step settled so no timer outlives it.
 */
export function armDeadline(controller: AbortController, timeoutMs: number): () => void {
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(timeoutMs)), timeoutMs);
  return () => clearTimeout(timer);
}

/**
 * Runs `request` with an AbortSignal that fires after `timeoutMs`, or as soon as any `parent` aborts. The timer
 * and the parent listeners are released when the request settles, so no handle outlives it (unlike
 * `AbortSignal.timeout`/`AbortSignal.any`).
 */
export async function withDeadline<T>(
  timeoutMs: number,
  request: (signal: AbortSignal) => Promise<T>,
  ...parents: (AbortSignal | undefined)[]
): Promise<T> {
  const controller = new AbortController();
  const unlink = linkAbort(controller, ...parents);
  const disarm = armDeadline(controller, timeoutMs);
  try {
    return await request(controller.signal);
  } finally {
    disarm();
    unlink();
  }
}

/**
 * Aborts `controller` (with the parent's reason) as soon as any of `parents` aborts, at once if one already has.
 * Returns the function that removes the listeners, to call when the guarded step settled.
 */
export function linkAbort(controller: AbortController, ...parents: (AbortSignal | undefined)[]): () => void {
  const linked: { signal: AbortSignal; onAbort: () => void }[] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = (): void => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    linked.push({ signal: parent, onAbort });
  }
  return () => {
    for (const { signal, onAbort } of linked) signal.removeEventListener('abort', onAbort);
  };
}
