import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render as renderWithRtl, type RenderOptions, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';

import { showErrorNotification } from '../../renderer/lib/notify';
import { type BerthStores, createStores } from '../../renderer/stores/stores';
import { StoresProvider } from '../../renderer/stores/StoresProvider';
import { theme } from '../../renderer/styles/theme';
import type { FakeBerth } from './support/fake-bridge';

export interface RenderWithAppOptions extends Omit<RenderOptions, 'wrapper'> {
  /** A fake bridge: the stores are built over it as the app builds them over `window.berth`. */
  berth?: FakeBerth;
  /** Ready-made stores (wins over `berth`). */
  stores?: BerthStores;
}

/**
 * Renders inside Berth's MantineProvider in Mantine's `test` env (no transitions, no portals), with
 * notifications and, when given a fake bridge, the app's stores over it.
 */
export function render(
  ui: ReactElement,
  options: RenderWithAppOptions = {},
): RenderResult & { stores?: BerthStores } {
  const { berth, stores: givenStores, ...rest } = options;
  const stores =
    givenStores ?? (berth === undefined ? undefined : createStores(berth.api, showErrorNotification));
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme} env="test">
      <Notifications />
      {stores === undefined ? children : <StoresProvider stores={stores}>{children}</StoresProvider>}
    </MantineProvider>
  );
  const result = renderWithRtl(ui, { wrapper: Wrapper, ...rest });
  return stores === undefined ? result : { ...result, stores };
}
