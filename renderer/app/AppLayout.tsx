import { ActionIcon, AppShell, Group, NavLink, SegmentedControl, Title, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAnchor, IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from '@tabler/icons-react';
import { type KeyboardEvent, useRef, useState } from 'react';

import type { Settings } from '../../electron/common/bridge';
import { HostsStatus } from '../components/HostSwitcher/HostsStatus';
import { HostSwitcher } from '../components/HostSwitcher/HostSwitcher';
import { HostPromptModal } from '../features/hosts/HostPromptModal';
import { CommandPalette } from '../features/palette/CommandPalette';
import { KeyboardShortcutsSheet, ShortcutsHint } from '../features/palette/KeyboardShortcuts';
import { PreferencesDialog } from '../features/preferences/PreferencesDialog';
import { StoreResetsNotice } from '../features/preferences/StoreResetsNotice';
import { useNavigation, useSettings } from '../stores/hooks';
import classes from './AppLayout.module.css';
import { ErrorBoundary } from './ErrorBoundary';
import { pages } from './pages';

const THEME_OPTIONS: Array<{ label: string; value: Settings['theme'] }> = [
  { label: 'System', value: 'system' },
  { label: 'Light', value: 'light' },
  { label: 'Dark', value: 'dark' },
];

function isTheme(value: string): value is Settings['theme'] {
  return THEME_OPTIONS.some((option) => option.value === value);
}

/** Below this window width the sidebar starts collapsed (icons only), so tables keep their columns. */
const COLLAPSE_BELOW_PX = 1200;

/** The sidebar's state: collapsed by default in a narrow window, until the user chooses. */
function useSidebar(): { collapsed: boolean; toggle: () => void } {
  const narrow = useMediaQuery(`(max-width: ${COLLAPSE_BELOW_PX - 1}px)`, false, {
    getInitialValueInEffect: false,
  });
  const [chosen, setChosen] = useState<boolean | undefined>(undefined);
  const collapsed = chosen ?? narrow;
  return { collapsed, toggle: () => setChosen(!collapsed) };
}

/** The window's frame: a header, the navigation with the engine status, and the current page. */
export function AppLayout() {
  const { route, navigate } = useNavigation();
  const current = route.page;
  const { settings, update } = useSettings();
  const navRef = useRef<HTMLElement>(null);
  const sidebar = useSidebar();
  const page = pages.find((candidate) => candidate.id === current) ?? pages[0];

  // Up/Down move between the navigation entries, as in a native sidebar; Tab still works as usual.
  const onNavKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...(navRef.current?.querySelectorAll<HTMLButtonElement>('[data-nav-item]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: sidebar.collapsed ? 60 : 220, breakpoint: 0 }}
      padding={0}
    >
      <AppShell.Header className={classes.header}>
        <Group gap="xs" wrap="nowrap">
          <Tooltip label={sidebar.collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={sidebar.collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
              aria-expanded={!sidebar.collapsed}
              onClick={sidebar.toggle}
            >
              {sidebar.collapsed ? (
                <IconLayoutSidebarLeftExpand size={20} aria-hidden />
              ) : (
                <IconLayoutSidebarLeftCollapse size={20} aria-hidden />
              )}
            </ActionIcon>
          </Tooltip>
          <IconAnchor size={22} aria-hidden />
          <Title order={1} size="h4">
            Berth
          </Title>
        </Group>
        <Group gap="sm">
          <ShortcutsHint compact={sidebar.collapsed} />
          <HostSwitcher />
          <SegmentedControl
            size="xs"
            aria-label="Color scheme"
            data={THEME_OPTIONS}
            value={settings.theme}
            onChange={(value) => {
              if (isTheme(value)) void update({ theme: value });
            }}
          />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar className={classes.navbar} data-collapsed={sidebar.collapsed || undefined}>
        <AppShell.Section grow component="nav" aria-label="Main" ref={navRef} onKeyDown={onNavKeyDown}>
          {pages.map((candidate) => (
            <NavLink
              key={candidate.id}
              component="button"
              data-nav-item
              label={sidebar.collapsed ? undefined : candidate.label}
              aria-label={candidate.label}
              title={sidebar.collapsed ? candidate.label : undefined}
              leftSection={candidate.icon}
              active={candidate.id === current}
              aria-current={candidate.id === current ? 'page' : undefined}
              onClick={() => navigate({ page: candidate.id })}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section className={classes.engines}>
          <HostsStatus compact={sidebar.collapsed} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <StoreResetsNotice />
        <ErrorBoundary key={page?.id}>{page?.render()}</ErrorBoundary>
      </AppShell.Main>
      <HostPromptModal />
      <CommandPalette />
      <KeyboardShortcutsSheet />
      <PreferencesDialog />
    </AppShell>
  );
}
