import { Alert, Button, Code, Group, List, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

import { IpcEvent, type StoreReset } from '../../../electron/common/bridge';
import { useStores } from '../../stores/StoresProvider';

const whatLabel: Record<StoreReset['what'], string> = {
  settings: 'Your preferences were reset to their defaults',
  'window-state': 'The window’s size and position were reset',
  'registry-logins': 'Your registry logins made in Berth were set aside (log in again)',
};

/**
 * Store files main found damaged at start (or when first read): what was reset, why, and where the damaged copy
 * was kept. Shown once: dismissing it tells main, which then forgets them.
 */
export function StoreResetsNotice() {
  const { api } = useStores();
  const [resets, setResets] = useState<readonly StoreReset[]>([]);

  useEffect(() => {
    let live = true;
    const off = api.events.on(IpcEvent.SettingsStoreResetsChanged, (next) => setResets(next));
    api.settings.storeResets().then(
      (found) => live && setResets(found),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  if (resets.length === 0) return null;
  return (
    <Alert color="yellow" title="Some of Berth’s files were damaged" data-testid="store-resets" m="sm">
      <List size="sm" spacing={4}>
        {resets.map((reset) => (
          <List.Item key={reset.keptAs} data-testid="store-reset" data-what={reset.what}>
            <Text size="sm" component="span">
              {whatLabel[reset.what]}: <Code>{reset.file}</Code> {reset.reason}. The damaged copy is kept as{' '}
              <Code>{reset.keptAs}</Code>.
            </Text>
          </List.Item>
        ))}
      </List>
      <Group mt="xs">
        <Button
          size="xs"
          variant="light"
          color="yellow"
          onClick={() => void api.settings.dismissStoreResets()}
        >
          Got it
        </Button>
      </Group>
    </Alert>
  );
}
