import type { Virtualizer } from '@tanstack/react-virtual';
import { type RefObject, useEffect, useRef, useState } from 'react';

import type { EngineId } from '../../../../../electron/common/bridge';
import { toIpcError } from '../../../../lib/api';
import { showErrorNotification } from '../../../../lib/notify';
import { useApi } from '../use-api';
import { readEarlierPage } from './load-earlier';
import type { LogRing } from './log-ring';
import { ROW_HEIGHT } from './LogViewport';
import { type LogPhase, TAIL } from './use-log-stream';

interface LoadEarlierOptions {
  engineId: EngineId;
  id: string;
  since?: string;
  stream: { buffer: LogRing; phase: LogPhase; markNoEarlier: () => void; redraw: () => void };
  following: boolean;
  pauseFollowing: () => void;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  viewportRef: RefObject<HTMLDivElement | null>;
}

/**
 * Once the log has opened with one screen's worth, reads earlier lines up to a page (`TAIL`) in the background,
 * once per buffer (the stream reopened: a new buffer).
 */
function useFillEarlier(buffer: LogRing, phase: LogPhase, fill: () => Promise<void>): void {
  const filled = useRef<LogRing | undefined>(undefined);
  const opened = buffer.length > 0 && (phase === 'live' || phase === 'ended');
  useEffect(() => {
    if (!opened || filled.current === buffer || buffer.length >= TAIL) return;
    filled.current = buffer;
    void fill();
  });
}

/**
 * "Load earlier lines": a page before the oldest line shown, put in front. After opening (one screen's worth) the
 * view fills up to a page in the background the same way.
 */
export function useLoadEarlier(options: LoadEarlierOptions): {
  loadingEarlier: boolean;
  loadEarlier: () => Promise<void>;
} {
  const api = useApi();
  const { engineId, id, since, stream, following, virtualizer, viewportRef } = options;
  const { buffer } = stream;
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  // The buffer is replaced when the stream reopens: a page read for the old one is not put into the new one.
  const current = useRef(buffer);
  useEffect(() => {
    current.current = buffer;
  });
  /** Reads a page before the oldest line; in the background (after opening) it neither moves nor pauses the view. */
  const loadEarlier = async (background = false): Promise<void> => {
    if (buffer.timestampAt(0) === undefined) return;
    setLoadingEarlier(true);
    try {
      const size = background ? Math.max(0, TAIL - buffer.length) : TAIL;
      const page = await readEarlierPage(api, { engineId, id, since, ring: buffer, size });
      if (page === undefined || current.current !== buffer) return;
      if (page.ends.length === 0) {
        stream.markNoEarlier();
        return;
      }
      const atTop = viewportRef.current?.scrollTop ?? 0;
      const kept = buffer.prepend(page);
      stream.redraw();
      if (!background) {
        options.pauseFollowing();
        virtualizer.scrollToIndex(kept, { align: 'start' });
      } else if (!following && viewportRef.current) {
        viewportRef.current.scrollTop = atTop + kept * ROW_HEIGHT;
      }
    } catch (caught) {
      if (!background) showErrorNotification(toIpcError(caught), 'Could not load earlier lines');
    } finally {
      setLoadingEarlier(false);
    }
  };
  useFillEarlier(buffer, stream.phase, () => loadEarlier(true));
  return { loadingEarlier, loadEarlier: () => loadEarlier() };
}
