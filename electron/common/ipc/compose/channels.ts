/** Compose on any host: which Compose Berth runs (the rest of the `compose:*` channels come with the page). */
export const ComposeChannel = {
  ComposeTool: 'compose:tool',
} as const;
