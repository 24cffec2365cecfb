import { randomBytes } from 'node:crypto';

import { ErrorCode, IpcError } from '../../common';
import type { HostPrompt, HostPromptAnswer } from '../../common/hosts/types';

/** A prompt as asked, before it has an id. */
export type HostPromptRequest = HostPrompt extends infer P
  ? P extends HostPrompt
    ? Omit<P, 'id'>
    : never
  : never;

interface Pending {
  prompt: HostPrompt;
  resolve: (answer: HostPromptAnswer) => void;
  timer: NodeJS.Timeout;
}

/**
 * Questions main asks the user while connecting (trust this host key? the passphrase of this key?). Each is
 * pushed to the window; the answer comes back through `hosts:answerPrompt`. A question nobody answers in time,
 * or still open when Berth quits, counts as declined.
 */
export class PromptBroker {
  private readonly pending = new Map<string, Pending>();
  private readonly requestedListeners = new Set<(prompt: HostPrompt) => void>();
  private readonly closedListeners = new Set<(id: string) => void>();
  private sequence = 0;
  private disposed = false;

  constructor(private readonly timeoutMs = 5 * 60_000) {}

  ask(request: HostPromptRequest): Promise<HostPromptAnswer> {
    const id = `prompt-${++this.sequence}-${randomBytes(4).toString('hex')}`;
    const prompt = { ...request, id };
    if (this.disposed) return Promise.resolve({ id, accept: false });
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.close(id, { id, accept: false }), this.timeoutMs);
      this.pending.set(id, { prompt, resolve, timer });
      for (const listener of [...this.requestedListeners]) listener(prompt);
    });
  }

  /** @throws IpcError NOT_FOUND when the prompt was answered already or timed out. */
  answer(answer: HostPromptAnswer): void {
    if (!this.pending.has(answer.id)) {
      throw new IpcError(ErrorCode.NotFound, 'This question was already answered or has expired.');
    }
    this.close(answer.id, answer);
  }

  /** Prompts still waiting for an answer (for a window that opens late). */
  open(): HostPrompt[] {
    return [...this.pending.values()].map((pending) => pending.prompt);
  }

  /** Announces every open prompt again (the renderer ignores ids it has). */
  replay(): void {
    for (const prompt of this.open()) for (const listener of [...this.requestedListeners]) listener(prompt);
  }

  onRequested(listener: (prompt: HostPrompt) => void): () => void {
    this.requestedListeners.add(listener);
    return () => this.requestedListeners.delete(listener);
  }

  onClosed(listener: (id: string) => void): () => void {
    this.closedListeners.add(listener);
    return () => this.closedListeners.delete(listener);
  }

  /** Declines every open prompt. */
  dispose(): void {
    this.disposed = true;
    for (const id of [...this.pending.keys()]) this.close(id, { id, accept: false });
    this.requestedListeners.clear();
    this.closedListeners.clear();
  }

  private close(id: string, answer: HostPromptAnswer): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(answer);
    for (const listener of [...this.closedListeners]) listener(id);
  }
}
