/** Why a request was aborted when its deadline passed (carried as the AbortSignal's reason). */
export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Deadline of ${timeoutMs} ms exceeded`);
    this.name = 'TimeoutError';
  }
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
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(timeoutMs)), timeoutMs);
  try {
    return await request(controller.signal);
  } finally {
    clearTimeout(timer);
    for (const { signal, onAbort } of linked) signal.removeEventListener('abort', onAbort);
  }
}
