import { useState } from 'react';

import { stripAnsi } from './ansi';
import type { LogRing } from './log-ring';

export interface LogSearch {
  query: string;
  /** The query, lower-cased, as the rows highlight it. */
  lowerQuery: string;
  setQuery: (query: string) => void;
  /** The line of the current match. */
  matchIndex?: number;
  /** Lines matching, counted when the user last moved between matches. */
  matchCount: number;
  /** Moves to the next (1) or previous (-1) matching line, wrapping around; answers its index. */
  goToMatch: (step: 1 | -1) => number | undefined;
}

/** Case-insensitive search over the buffer's lines, ANSI colours ignored. */
export function useLogSearch(buffer: LogRing): LogSearch {
  const [query, setQueryState] = useState('');
  const [matchIndex, setMatchIndex] = useState<number>();
  const [matchCount, setMatchCount] = useState(0);
  const lowerQuery = query.toLowerCase();
  const count = buffer.length;
  const matches = (index: number): boolean => {
    const text = buffer.textAt(index);
    if (text === undefined) return false;
    return (text.includes('\u001b') ? stripAnsi(text) : text).toLowerCase().includes(lowerQuery);
  };
  const findMatch = (from: number, step: 1 | -1): number | undefined => {
    if (lowerQuery === '' || count === 0) return undefined;
    for (let offset = 1; offset <= count; offset++) {
      const index = (((from + step * offset) % count) + count) % count;
      if (matches(index)) return index;
    }
    return undefined;
  };
  const countMatches = (): number => {
    if (lowerQuery === '') return 0;
    let total = 0;
    for (let index = 0; index < count; index++) if (matches(index)) total += 1;
    return total;
  };
  return {
    query,
    lowerQuery,
    setQuery: (next) => {
      setQueryState(next);
      setMatchIndex(undefined);
      setMatchCount(0);
    },
    matchIndex,
    matchCount,
    goToMatch: (step) => {
      const start = matchIndex ?? (step === 1 ? -1 : count);
      const next = findMatch(start, step);
      setMatchCount(countMatches());
      setMatchIndex(next);
      return next;
    },
  };
}
