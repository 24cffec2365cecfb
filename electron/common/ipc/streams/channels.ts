/**
 * What every long-lived engine stream (a followed log, live stats; keyed by the id its open call answered) says
 * when its host's connection breaks and comes back. Main resumes the stream by itself under the same id; the
 * renderer's one stream hook (`use-engine-stream.ts`) hands these to the view, which shows "reconnecting" and
 * then a short "reconnected" mark. A stream that cannot resume ends with an error instead.
 */
export interface StreamInterrupted {
  streamId: string;
  /** Why, in words (the host's reason). */
  reason: string;
}

export interface StreamResumed {
  streamId: string;
}

export const StreamsEvent = {
  StreamInterrupted: 'streams:interrupted',
  StreamResumed: 'streams:resumed',
} as const;

export interface StreamsEventMap {
  [StreamsEvent.StreamInterrupted]: StreamInterrupted;
  [StreamsEvent.StreamResumed]: StreamResumed;
}
