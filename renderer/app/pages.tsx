import { IconBox, IconDatabase, IconNetwork, IconServer, IconStack2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';

import type { AppView } from '../../electron/common/bridge';
import { ContainersView } from '../features/containers/ContainersView';
import { HostsView } from '../features/hosts/HostsView';
import { ImagesView } from '../features/images/ImagesView';
import { NetworksView } from '../features/networks/NetworksView';
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

export const pages: readonly PageDefinition[] = [
  {
    id: 'containers',
    label: 'Containers',
    icon: <IconBox size={ICON_SIZE} aria-hidden />,
    render: () => <ContainersView />,
  },
  {
    id: 'images',
    label: 'Images',
    icon: <IconStack2 size={ICON_SIZE} aria-hidden />,
    render: () => <ImagesView />,
  },
  {
    id: 'volumes',
    label: 'Volumes',
    icon: <IconDatabase size={ICON_SIZE} aria-hidden />,
    render: () => <VolumesView />,
  },
  {
    id: 'networks',
    label: 'Networks',
    icon: <IconNetwork size={ICON_SIZE} aria-hidden />,
    render: () => <NetworksView />,
  },
  {
    id: 'hosts',
    label: 'Hosts',
    icon: <IconServer size={ICON_SIZE} aria-hidden />,
    render: () => <HostsView />,
  },
];
