/** What fitting needs of a column: its grid track and how readily it gives way. */
export interface FittableColumn {
  id: string;
  /** A CSS grid track, e.g. `minmax(10rem, 2fr)` or `6rem`. */
  width: string;
  /**
   * How readily the column is hidden when the table is too narrow: the highest number goes first. Absent, the
   * column is pinned (names and actions): it never hides.
   */
  priority?: number;
}

/** The least width a grid track takes, in rem: `6rem` → 6, `minmax(7rem, 1fr)` → 7; anything else → 0. */
export function trackMinimumRem(track: string): number {
  const match = /^(?:minmax\(\s*)?(\d+(?:\.\d+)?)rem\b/.exec(track.trim());
  return match === null ? 0 : Number(match[1]);
}

export interface FitMetrics {
  /** Pixels per rem. */
  remPx: number;
  /** The gap between tracks and the row's padding on each side, in px. */
  gapPx: number;
  /** Tracks the table adds in front of the columns (the checkbox), as grid tracks. */
  extraTracks?: readonly string[];
}

/** The px the rows need with these tracks: every track at its minimum, the gaps and the row's padding. */
export function minimumWidthPx(tracks: readonly string[], { remPx, gapPx }: FitMetrics): number {
  const rem = tracks.reduce((sum, track) => sum + trackMinimumRem(track), 0);
  return rem * remPx + (tracks.length + 1) * gapPx;
}

/**
 * The columns that fit `availablePx` without scrolling sideways: the least important (highest `priority`; among
 * equals the one further right) go first, pinned columns never. With no width yet (not measured), all of them.
 */
export function fitColumns<C extends FittableColumn>(
  columns: readonly C[],
  availablePx: number | undefined,
  metrics: FitMetrics,
): readonly C[] {
  if (availablePx === undefined || availablePx <= 0) return columns;
  const extra = metrics.extraTracks ?? [];
  const fits = (shown: readonly C[]) =>
    minimumWidthPx([...extra, ...shown.map((column) => column.width)], metrics) <= availablePx;
  if (fits(columns)) return columns;
  const order = columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.priority !== undefined)
    .sort((a, b) => (b.column.priority ?? 0) - (a.column.priority ?? 0) || b.index - a.index);
  const hidden = new Set<string>();
  for (const { column } of order) {
    hidden.add(column.id);
    const shown = columns.filter((candidate) => !hidden.has(candidate.id));
    if (fits(shown)) return shown;
  }
  return columns.filter((candidate) => !hidden.has(candidate.id));
}
