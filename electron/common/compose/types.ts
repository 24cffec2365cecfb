/** Which Compose Berth runs: the `docker compose` v2 plugin, or a standalone `docker-compose`. */
export type ComposeToolKind = 'plugin' | 'standalone';

/** The Compose found on this machine, or why there is none (and how to get one). */
export type ComposeToolInfo =
  | {
      available: true;
      kind: ComposeToolKind;
      /** The executable Berth runs. */
      path: string;
      /** As the tool reports it, e.g. `2.29.1` or `1.29.2`. */
      version: string;
    }
  | {
      available: false;
      /** The folders and names looked at, in order. */
      searched: string[];
      /** What to install, for this platform. */
      howToGet: string;
      /** A candidate that was found but did not answer (its error), when there was one. */
      problem?: string;
    };
