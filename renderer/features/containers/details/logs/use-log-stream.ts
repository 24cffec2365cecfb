import { useCallback, useEffect, useRef, useState } from 'react';

import type { EngineId, LogsBatch } from '../../../../../electron/common/bridge';
import { logsStream, useEngineStream } from '../../../../hooks/use-engine-stream';
import { useApi } from '../use-api';
import { LogRing } from './log-ring';
import { ROW_HEIGHT } from './LogViewport';

/** Lines a "load earlier" page reads, and what the view fills up to in the background once it has opened. */
export const TAIL = 1000;

/**
 * Lines the log opens with: one screen's worth (and a margin), so the first screen waits for nothing it does not
 * show; the view then reads earlier lines in the background.
 */
export function screenTail(): number {
  return Math.ceil(window.innerHeight / ROW_HEIGHT) + 20;
}

/** `reconnecting`: the host's connection broke; main resumes the stream when it is back. */
export type LogPhase = 'opening' | 'live' | 'reconnecting' | 'ended' | 'failed';

interface LogStreamQuery {
  engineId: EngineId;
  id: string;
  capacity: number;
  since?: string;
  until?: string;
}

interface LogStream {
  /** The lines kept; replaced when the stream reopens. */
  buffer: LogRing;
  /** The buffer revision drawn last (changes at most once per animation frame). */
  revision: number;
  phase: LogPhase;
  error?: string;
  /** Why the stream is reconnecting (while it is). */
  interruption?: string;
  /** "Load earlier" found nothing before the first line (reset when the stream reopens). */
  noEarlier: boolean;
  markNoEarlier: () => void;
  /** Draws the buffer now (after a change that is not a batch, e.g. lines prepended). */
  redraw: () => void;
}

/**
 * One log stream per (container, window, capacity) into a bounded buffer; closing it is what destroys the
 * daemon's follow request. Re-rendering is paced by animation frames, and each batch is acknowledged once a
 * frame drew it.
 */
export function useLogStream({ engineId, id, capacity, since, until }: LogStreamQuery): LogStream {
  const api = useApi();
  const bufferRef = useRef(new LogRing(capacity));
  const [revision, setRevision] = useState(0);
  const [phase, setPhase] = useState<LogPhase>('opening');
  const [error, setError] = useState<string>();
  const [interruption, setInterruption] = useState<string>();
  const [noEarlier, setNoEarlier] = useState(false);
  const frame = useRef<number | undefined>(undefined);
  /** Acknowledges the batches the next frame draws (set by the open stream). */
  const acknowledgeRef = useRef<(() => void) | undefined>(undefined);
  const unacknowledged = useRef(0);

  const scheduleRender = useCallback(() => {
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      setRevision(bufferRef.current.revision);
      // Main sends the next batches only once these are taken in: a producer faster than this view delays the
      // log (main pauses the daemon stream) instead of flooding the page and freezing it.
      const acknowledge = acknowledgeRef.current;
      acknowledgeRef.current = undefined;
      acknowledge?.();
    });
  }, []);
  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const open = useCallback(() => {
    const buffer = new LogRing(capacity);
    bufferRef.current = buffer;
    setRevision(buffer.revision);
    setPhase('opening');
    setError(undefined);
    setInterruption(undefined);
    setNoEarlier(false);
    unacknowledged.current = 0;
    acknowledgeRef.current = undefined;
    return api.logs.open({
      engineId,
      id,
      tail: screenTail(),
      since,
      until,
      follow: until === undefined,
      acknowledge: true,
    });
  }, [api, engineId, id, since, until, capacity]);

  const live = useEngineStream(logsStream, open, {
    onOpened: () => setPhase('live'),
    onData: (batch: LogsBatch, streamId) => {
      bufferRef.current.append(batch);
      unacknowledged.current += 1;
      acknowledgeRef.current = () => {
        if (live.current !== streamId) return;
        for (; unacknowledged.current > 0; unacknowledged.current -= 1) {
          void api.logs.ack(streamId).catch(() => undefined);
        }
      };
      scheduleRender();
    },
    onInterrupted: (reason) => {
      setPhase('reconnecting');
      setInterruption(reason);
    },
    onResumed: () => {
      bufferRef.current.markResumed();
      setPhase('live');
      setInterruption(undefined);
      scheduleRender();
    },
    onEnded: (ended) => {
      setInterruption(undefined);
      setPhase(ended.error ? 'failed' : 'ended');
      if (ended.error) setError(ended.error.message);
    },
    onFailed: (failure) => {
      setPhase('failed');
      setError(failure.message);
    },
  });

  return {
    buffer: bufferRef.current,
    revision,
    phase,
    error,
    interruption,
    noEarlier,
    markNoEarlier: () => setNoEarlier(true),
    redraw: () => setRevision(bufferRef.current.revision),
  };
}
