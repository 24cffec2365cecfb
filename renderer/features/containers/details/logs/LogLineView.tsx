import { memo, type ReactNode } from 'react';

import { type AnsiSegment, parseAnsi } from './ansi';
import type { LogRow } from './log-ring';
import { formatTimestamp } from './log-time';
import classes from './LogsTab.module.css';

/** Characters of one line rendered until the user asks for more: a 1 MB line must not freeze layout. */
export const RENDER_CHUNK = 10_000;

interface LogLineViewProps {
  line: LogRow;
  showTimestamp: boolean;
  /** Lower-cased search text; matches are highlighted. */
  query: string;
  /** This line holds the current search match. */
  current: boolean;
  /** Characters to render (the rest behind "show more"). */
  limit: number;
  onShowMore: (seq: number) => void;
}

function highlight(text: string, query: string, keyPrefix: string): ReactNode[] {
  if (query === '') return [text];
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(query); at !== -1; at = lower.indexOf(query, at + query.length)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <mark key={`${keyPrefix}-${at}`} className={classes.match}>
        {text.slice(at, at + query.length)}
      </mark>,
    );
    from = at + query.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

function segmentClass(segment: AnsiSegment): string {
  const names: string[] = [];
  if (typeof segment.fg === 'number') names.push(classes[`fg${segment.fg}`] ?? '');
  if (typeof segment.bg === 'number') names.push(classes[`bg${segment.bg}`] ?? '');
  if (segment.bold) names.push(classes.bold ?? '');
  if (segment.dim) names.push(classes.dim ?? '');
  if (segment.italic) names.push(classes.italic ?? '');
  if (segment.underline) names.push(classes.underline ?? '');
  if (segment.inverse) names.push(classes.inverse ?? '');
  return names.join(' ');
}

/** Segments cut to the first `limit` characters. */
function truncate(segments: AnsiSegment[], limit: number): { segments: AnsiSegment[]; hidden: number } {
  let room = limit;
  const kept: AnsiSegment[] = [];
  let hidden = 0;
  for (const segment of segments) {
    if (room <= 0) {
      hidden += segment.text.length;
      continue;
    }
    if (segment.text.length <= room) {
      kept.push(segment);
      room -= segment.text.length;
    } else {
      kept.push({ ...segment, text: segment.text.slice(0, room) });
      hidden += segment.text.length - room;
      room = 0;
    }
  }
  return { segments: kept, hidden };
}

/** One log line: ANSI colours as classes on spans, never markup; long lines rendered in chunks. */
export const LogLineView = memo(function LogLineView({
  line,
  showTimestamp,
  query,
  current,
  limit,
  onShowMore,
}: LogLineViewProps) {
  // Parsing a huge line is bounded too: only the part that is rendered (plus escape codes) is looked at.
  const source = line.text.length > limit * 2 ? line.text.slice(0, limit * 2) : line.text;
  const { segments, hidden } = truncate(parseAnsi(source), limit);
  const moreHidden = hidden + (line.text.length - source.length) + (line.cut ?? 0);
  return (
    <div className={classes.line} data-stream={line.stream} data-current={current || undefined}>
      {showTimestamp && <span className={classes.timestamp}>{formatTimestamp(line.ts)}</span>}
      <span className={classes.text}>
        {segments.map((segment, index) => {
          const style =
            typeof segment.fg === 'string' || typeof segment.bg === 'string'
              ? {
                  color: typeof segment.fg === 'string' ? segment.fg : undefined,
                  backgroundColor: typeof segment.bg === 'string' ? segment.bg : undefined,
                }
              : undefined;
          return (
            <span key={index} className={segmentClass(segment) || undefined} style={style}>
              {highlight(segment.text, query, String(index))}
            </span>
          );
        })}
        {moreHidden > 0 && (
          <button
            type="button"
            className={classes.more}
            onClick={() => onShowMore(line.seq)}
            disabled={hidden === 0 && line.text.length === source.length}
          >
            {hidden > 0 || line.text.length > source.length
              ? `… show more (${moreHidden.toLocaleString()} more characters)`
              : `… ${moreHidden.toLocaleString()} characters cut`}
          </button>
        )}
      </span>
    </div>
  );
});
