import { IconPlugConnectedX, IconSearch, IconStack2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';

import { ListLoading, ListMessage } from '../../components/ResourceList/ListStates';
import { useStores } from '../../stores/StoresProvider';
import type { ImagesList } from './use-images-list';

/** A page without a table: its test id, icon, words and, when it helps, a retry. */
interface EmptyPage {
  testId: string;
  icon: typeof IconSearch;
  title: string;
  description: string | undefined;
  retry?: () => void;
}

/** "All hosts" without any image: no host, nothing there, or no host has listed yet. */
function allHostsEmpty({ scope, lists }: ImagesList): EmptyPage | undefined {
  if (scope.engineIds.length === 0) {
    return {
      testId: 'images-no-host',
      icon: IconPlugConnectedX,
      title: 'No host is connected',
      description: 'Connect a host on the Hosts page, and its images appear here.',
    };
  }
  const downIds = new Set(lists.down.map((engine) => engine.id));
  const loadingAny = lists.states.some(
    (state) => state.snapshot === undefined && state.phase !== 'failed' && !downIds.has(state.engineId),
  );
  if (loadingAny) return undefined;
  return lists.states.some((state) => state.snapshot !== undefined)
    ? {
        testId: 'images-empty',
        icon: IconStack2,
        title: 'No images on any host',
        description: 'Pull, build or load an image, and it appears here with the host it is on.',
      }
    : {
        testId: 'images-unavailable',
        icon: IconPlugConnectedX,
        title: 'No list yet',
        description: 'No host has listed its images yet. They appear when the hosts answer.',
      };
}

/** One host without any image: nothing there, the list failed, or the host is down. */
function oneHostEmpty(list: ImagesList, retry: () => void): EmptyPage | undefined {
  const single = list.lists.stateOf(list.engineId);
  const name = list.nameOf(list.engineId);
  if (single?.snapshot !== undefined) {
    return {
      testId: 'images-empty',
      icon: IconStack2,
      title: 'No images on this engine yet',
      description: `Pull, build or load an image, and it appears here. Images made on ${name} with any other tool appear too.`,
    };
  }
  if (single?.phase === 'failed' && !list.unreachable) {
    return {
      testId: 'images-failed',
      icon: IconPlugConnectedX,
      title: 'Could not load the images',
      description: single.error?.message,
      retry,
    };
  }
  if (!list.unreachable) return undefined;
  return {
    testId: 'images-unavailable',
    icon: IconPlugConnectedX,
    title: 'No list yet',
    description: `Berth has not been able to list the images of ${name}. The list appears when the engine answers.`,
  };
}

/** The table once any host has images, else what the page shows instead (or that it is loading). */
export function ImagesBody({ list, table }: { list: ImagesList; table: ReactNode }) {
  const stores = useStores();
  const imageCount = list.lists.items.length;
  let empty: EmptyPage | undefined;
  if (imageCount > 0) {
    if (list.rows.length === 0) {
      empty = {
        testId: 'images-no-match',
        icon: IconSearch,
        title: 'No image matches',
        description: 'Change the search or the filter to see more.',
      };
    }
  } else {
    empty = list.scope.all
      ? allHostsEmpty(list)
      : oneHostEmpty(list, () => void stores.images(list.engineId).refresh());
  }
  if (empty !== undefined) {
    const Icon = empty.icon;
    return (
      <ListMessage
        testId={empty.testId}
        icon={<Icon size={28} aria-hidden />}
        title={empty.title}
        description={empty.description}
        action={empty.retry === undefined ? undefined : { label: 'Try again', onClick: empty.retry }}
      />
    );
  }
  return imageCount > 0 ? table : <ListLoading plural="images" />;
}
