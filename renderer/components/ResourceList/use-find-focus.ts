import { type RefObject, useEffect, useRef } from 'react';

import { useNavigation } from '../../stores/hooks';

/** Find (Ctrl/Cmd+F from the app menu) focuses a list page's search field, and with `select` selects its text. */
export function useFindFocus(input: RefObject<HTMLInputElement | null>, { select = false } = {}): void {
  const { findRequests } = useNavigation();
  const seen = useRef(findRequests);
  useEffect(() => {
    if (findRequests === seen.current) return;
    seen.current = findRequests;
    input.current?.focus();
    if (select) input.current?.select();
  }, [findRequests, input, select]);
}
