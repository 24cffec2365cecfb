import {
  IconBox,
  IconDatabase,
  IconNetwork,
  IconServer,
  IconStack2,
  IconTopologyStar3,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';

import { type AppView, appViewLabels, appViews } from '../../electron/common/bridge';
import { ContainersView } from '../features/containers/ContainersView';
import { HostsView } from '../features/hosts/HostsView';
import { ImagesView } from '../features/images/ImagesView';
import { NetworksView } from '../features/networks/NetworksView';
import { SwarmView } from '../features/swarm/SwarmView';
import { VolumesView } from '../features/volumes/VolumesView';

/** The pages of the main window, in navigation order (the same views the app menu switches between). */
type PageId = AppView;

interface PageDefinition {
  id: PageId;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

const ICON_SIZE = 18;

/** What each view shows; its id, order and label come from `appViews`/`appViewLabels` in electron/common. */
const pageViews: Record<AppView, Omit<PageDefinition, 'id' | 'label'>> = {
  containers: { icon: <IconBox size={ICON_SIZE} aria-hidden />, render: () => <ContainersView /> },
  images: { icon: <IconStack2 size={ICON_SIZE} aria-hidden />, render: () => <ImagesView /> },
  volumes: { icon: <IconDatabase size={ICON_SIZE} aria-hidden />, render: () => <VolumesView /> },
  networks: { icon: <IconNetwork size={ICON_SIZE} aria-hidden />, render: () => <NetworksView /> },
  swarm: { icon: <IconTopologyStar3 size={ICON_SIZE} aria-hidden />, render: () => <SwarmView /> },
  hosts: { icon: <IconServer size={ICON_SIZE} aria-hidden />, render: () => <HostsView /> },
};

export const pages: readonly PageDefinition[] = appViews.map((id) => ({
  id,
  label: appViewLabels[id],
  ...pageViews[id],
}));
