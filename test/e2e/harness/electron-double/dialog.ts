import type { DialogAnswer, DialogKind, DialogRecord } from './control-protocol.js';

type AnswerOf<K extends DialogKind> = Extract<DialogAnswer, { kind: K }>;

const records: DialogRecord[] = [];
const queuedAnswers: DialogAnswer[] = [];
const waiting: { kind: DialogKind; resolve: (answer: DialogAnswer) => void }[] = [];

/** The harness answers the next dialog of the answer's kind (now, if one is waiting). */
export function answerNextDialog(answer: DialogAnswer): void {
  const index = waiting.findIndex((entry) => entry.kind === answer.kind);
  if (index >= 0) {
    const [entry] = waiting.splice(index, 1);
    entry.resolve(answer);
    return;
  }
  queuedAnswers.push(answer);
}

export function dialogRecords(): DialogRecord[] {
  return records.map((record) => ({ ...record, options: { ...record.options } }));
}

function takeQueued<K extends DialogKind>(kind: K): AnswerOf<K> | undefined {
  const index = queuedAnswers.findIndex((answer) => answer.kind === kind);
  if (index < 0) return undefined;
  return queuedAnswers.splice(index, 1)[0] as AnswerOf<K>;
}

/** Electron's optional leading window argument. */
function splitArgs(args: unknown[]): Record<string, unknown> {
  const options = args.length > 1 ? args[1] : args[0];
  return { ...((options ?? {}) as Record<string, unknown>) };
}

function record(method: string, kind: DialogKind, options: Record<string, unknown>): DialogRecord {
  const entry: DialogRecord = { method, kind, options: structuredCloneSafe(options), answer: null };
  records.push(entry);
  return entry;
}

function structuredCloneSafe(options: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    try {
      copy[key] = structuredClone(value);
    } catch {
      copy[key] = String(value);
    }
  }
  return copy;
}

async function answerAsync<K extends DialogKind>(
  method: string,
  kind: K,
  options: Record<string, unknown>,
): Promise<AnswerOf<K>> {
  const entry = record(method, kind, options);
  const answer =
    takeQueued(kind) ?? (await new Promise<DialogAnswer>((resolve) => waiting.push({ kind, resolve })));
  entry.answer = answer;
  return answer as AnswerOf<K>;
}

function answerSync<K extends DialogKind>(
  method: string,
  kind: K,
  options: Record<string, unknown>,
): AnswerOf<K> | undefined {
  const entry = record(method, kind, options);
  const answer = takeQueued(kind);
  entry.answer = answer ?? null;
  return answer;
}

/**
 * `dialog`: every dialog is recorded; the harness answers them (`answerNextDialog`). An asynchronous dialog with
 * no answer queued waits for one, as a real dialog waits for the user; a synchronous one cannot wait and
 * returns what cancelling would (`cancelId`/0, no paths).
 */
export const dialog = {
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const options = splitArgs(args);
    const answer = await answerAsync('showMessageBox', 'messageBox', options);
    return {
      response: answer.response,
      checkboxChecked: answer.checkboxChecked ?? options.checkboxChecked === true,
    };
  },
  showMessageBoxSync(...args: unknown[]): number {
    const options = splitArgs(args);
    const answer = answerSync('showMessageBoxSync', 'messageBox', options);
    return answer?.response ?? (typeof options.cancelId === 'number' ? options.cancelId : 0);
  },
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    const answer = await answerAsync('showOpenDialog', 'open', splitArgs(args));
    return { canceled: answer.canceled, filePaths: answer.canceled ? [] : [...answer.filePaths] };
  },
  showOpenDialogSync(...args: unknown[]): string[] | undefined {
    const answer = answerSync('showOpenDialogSync', 'open', splitArgs(args));
    return answer === undefined || answer.canceled ? undefined : [...answer.filePaths];
  },
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const answer = await answerAsync('showSaveDialog', 'save', splitArgs(args));
    return { canceled: answer.canceled, filePath: answer.canceled ? '' : (answer.filePath ?? '') };
  },
  showSaveDialogSync(...args: unknown[]): string {
    const answer = answerSync('showSaveDialogSync', 'save', splitArgs(args));
    return answer === undefined || answer.canceled ? '' : (answer.filePath ?? '');
  },
  showErrorBox(title: string, content: string): void {
    record('showErrorBox', 'error', { title, content });
  },
};
