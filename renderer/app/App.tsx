import { MantineProvider } from '@mantine/core';
import { useColorScheme } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';

import { useSettings } from '../stores/hooks';
import type { BerthStores } from '../stores/stores';
import { StoresProvider } from '../stores/StoresProvider';
import { cssVariablesResolver, theme } from '../styles/theme';
import { AppLayout } from './AppLayout';

interface AppProps {
  /** The window's stores, created once at the composition root. */
  stores: BerthStores;
  /** `test` turns off Mantine transitions and portals. @default 'default' */
  env?: 'default' | 'test';
}

/** Follows the `theme` setting; `system` tracks the OS preference live. */
function ThemedApp({ env }: { env: 'default' | 'test' }) {
  const { settings } = useSettings();
  const systemScheme = useColorScheme('light', { getInitialValueInEffect: false });
  const colorScheme = settings.theme === 'system' ? systemScheme : settings.theme;

  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      forceColorScheme={colorScheme}
      env={env}
    >
      <Notifications position="bottom-right" limit={5} />
      <AppLayout />
    </MantineProvider>
  );
}

/** The renderer's root: stores, theme, notifications and the layout. */
export function App({ stores, env = 'default' }: AppProps) {
  return (
    <StoresProvider stores={stores}>
      <ThemedApp env={env} />
    </StoresProvider>
  );
}
