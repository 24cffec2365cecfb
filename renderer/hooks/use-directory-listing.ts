import { useEffect, useState } from 'react';

import type { IpcError } from '../../electron/common/bridge';
import { toIpcError } from '../lib/api';

/** A folder to list; a new object lists again (a reload, or a click on the folder shown). */
export interface ListingRequest {
  path: string;
}

interface DirectoryListing<L> {
  /** The last listing read (kept while the next one loads). */
  listing: L | null;
  failure: IpcError | null;
  loading: boolean;
}

/**
 * Reads one folder at a time for a file browser: `read` (memoise it) is called for each new `request`, an
 * answer that a newer request overtook is dropped. A failure clears the listing, unless `keepOnFailure`.
 */
export function useDirectoryListing<L>(
  read: (path: string) => Promise<L>,
  request: ListingRequest,
  options: { keepOnFailure?: boolean } = {},
): DirectoryListing<L> {
  const { keepOnFailure = false } = options;
  const [listing, setListing] = useState<L | null>(null);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let current = true;
    setLoading(true);
    setFailure(null);
    read(request.path).then(
      (result) => {
        if (!current) return;
        setListing(result);
        setLoading(false);
      },
      (error: unknown) => {
        if (!current) return;
        if (!keepOnFailure) setListing(null);
        setFailure(toIpcError(error));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [read, request, keepOnFailure]);
  return { listing, failure, loading };
}
