import type { Readable } from 'node:stream';

import type { EngineId, IpcErrorData, LogBatchBuilder, LogsOpenRequest } from '../../../../../common';
import type { BatchPacer } from './batch-pacer';
import type { LogCursor } from './log-cursor';

/** One open log stream of the LogService: its daemon request, what it delivered, and what waits to go. */
export interface OpenLog {
  streamId: string;
  engineId: EngineId;
  request: LogsOpenRequest;
  /** The current daemon request (replaced when the stream resumes). */
  response: Readable;
  controller: AbortController;
  /** Aborted by close(): ends a resume in progress. */
  closed: AbortController;
  /** What has been delivered, to resume a followed log from. */
  cursor: LogCursor;
  /** Batches waiting to go, oldest first; lines are packed into the last until it is full. */
  queue: LogBatchBuilder[];
  queuedChars: number;
  pacer: BatchPacer;
  paused: boolean;
  ended: boolean;
  /** Set once `logs:ended` has been (or must never be) published. */
  finished: boolean;
  /** Why the daemon stream failed, sent with `logs:ended`. */
  endError?: IpcErrorData;
  /** The view acknowledges batches (`logs:ack`); only then is `unacknowledged` counted. */
  acknowledge: boolean;
  unacknowledged: number;
}
