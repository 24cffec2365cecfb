import { Modal, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

import {
  type NotificationKind,
  notificationKinds,
  type Theme,
  themes,
} from '../../../electron/common/bridge';
import { useNavigation, useSettings } from '../../stores/hooks';

const themeLabels: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** What each notification kind is, in the user's words. */
const notificationLabels: Record<NotificationKind, string> = {
  containerDied: 'A container stops unexpectedly',
  operationFinished: 'A long operation (pull, push, build…) finishes',
  hostConnection: 'A host disconnects or reconnects',
};

function isTheme(value: string): value is Theme {
  return (themes as readonly string[]).includes(value);
}

/**
 * Preferences (menu or tray "Preferences…"): theme, close to tray, start at login and each kind of notification.
 * Every control writes through the settings store (`settings:set`) at once; there is nothing to save.
 */
export function PreferencesDialog() {
  const [opened, setOpened] = useState(false);
  const { preferencesRequests } = useNavigation();
  const seen = useRef(preferencesRequests);
  const { settings, update } = useSettings();

  useEffect(() => {
    if (preferencesRequests !== seen.current) {
      seen.current = preferencesRequests;
      setOpened(true);
    }
  }, [preferencesRequests]);

  return (
    <Modal opened={opened} onClose={() => setOpened(false)} title="Preferences" size="md">
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="preferences-theme">
            Theme
          </Text>
          <SegmentedControl
            aria-labelledby="preferences-theme"
            data={themes.map((theme) => ({ value: theme, label: themeLabels[theme] }))}
            value={settings.theme}
            onChange={(value) => {
              if (isTheme(value)) void update({ theme: value });
            }}
          />
        </Stack>
        <Switch
          label="Keep running in the tray when the window is closed"
          checked={settings.closeToTray}
          onChange={(event) => void update({ closeToTray: event.currentTarget.checked })}
        />
        <Switch
          label="Start Berth at login (in the tray)"
          checked={settings.startAtLogin}
          onChange={(event) => void update({ startAtLogin: event.currentTarget.checked })}
        />
        <Stack gap="xs">
          <Title order={3} size="h6">
            Notify me when
          </Title>
          {notificationKinds.map((kind) => (
            <Switch
              key={kind}
              label={notificationLabels[kind]}
              checked={settings.notifications[kind]}
              onChange={(event) =>
                void update({
                  notifications: { ...settings.notifications, [kind]: event.currentTarget.checked },
                })
              }
            />
          ))}
        </Stack>
      </Stack>
    </Modal>
  );
}
