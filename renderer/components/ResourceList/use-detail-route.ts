import { useCallback } from 'react';

import type { AppView, EngineId } from '../../../electron/common/bridge';
import { itemKey } from '../../lib/merge';
import { useNavigation } from '../../stores/hooks';
import type { DetailRoute } from '../../stores/navigation';

/**
 * One page's details drawer as a route (`{ page, detail: { kind, engineId, id } }`), so a row, a notification or
 * the command palette all open it the same way; the drawer belongs to the detail's own host whatever is listed.
 */
export function useDetailRoute(
  page: AppView,
  kind: DetailRoute['kind'],
): {
  detail: DetailRoute | undefined;
  /** `itemKey` of the detail, for the table's selected row. */
  selectedKey: string | undefined;
  open: (engineId: EngineId, id: string) => void;
  close: () => void;
} {
  const { route, navigate } = useNavigation();
  const detail = route.detail?.kind === kind ? route.detail : undefined;
  const open = useCallback(
    (engineId: EngineId, id: string) => navigate({ page, detail: { kind, engineId, id } }),
    [navigate, page, kind],
  );
  const close = useCallback(() => navigate({ page }), [navigate, page]);
  return {
    detail,
    selectedKey: detail === undefined ? undefined : itemKey(detail),
    open,
    close,
  };
}
