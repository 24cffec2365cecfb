import { Button, Group, Modal, Stack } from '@mantine/core';
import { useCallback } from 'react';

import type {
  EngineId,
  ImageDetails as ImageDetailsData,
  ImagePruneMode,
} from '../../../electron/common/bridge';
import { type HostChoice, HostPicker, useHostChoice } from '../../components/HostPicker/HostPicker';
import { useNavigation } from '../../stores/hooks';
import { useStores } from '../../stores/StoresProvider';
import { useEngineStores } from '../hosts/use-hosts';
import { BuildModal } from './BuildModal';
import { ImageDetails } from './ImageDetails';
import { type ImageRow, toImageRows } from './presentation';
import { PruneModal } from './PruneModal';
import { PullModal } from './PullModal';
import { RegistriesModal } from './RegistriesModal';
import { RemoveImagesModal } from './RemoveImagesModal';
import { TagModal } from './TagModal';
import type { ImagesList } from './use-images-list';

/** The dialogs not tied to a row. */
export type ImagesModal = 'pull' | 'build' | 'prune' | 'registries' | 'load';

/** Which dialog is open, and the rows the tag and remove dialogs are about. */
export interface ImageDialogsState {
  modal: ImagesModal | undefined;
  setModal: (modal: ImagesModal | undefined) => void;
  removing: readonly ImageRow[];
  setRemoving: (rows: readonly ImageRow[]) => void;
  tagging: ImageRow | null;
  setTagging: (row: ImageRow | null) => void;
}

/** Asks which host a tar file is loaded into ("All hosts" only; one host loads at once). */
function LoadModal({
  opened,
  onClose,
  host,
  onLoad,
}: {
  opened: boolean;
  onClose: () => void;
  host: HostChoice;
  onLoad: (engineId: EngineId) => void;
}) {
  const { engineId, setEngineId } = useHostChoice(host, opened);
  return (
    <Modal opened={opened} onClose={onClose} title="Load images from a tar file">
      <Stack gap="md">
        <HostPicker choice={host} value={engineId} onChange={setEngineId} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => {
              onClose();
              onLoad(engineId);
            }}
          >
            Choose a file…
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** An image's details, from its own host's store whether or not that host is listed (the palette opens any). */
function ImageDetailsDrawer({ list, dialogs, now }: ImageDialogsProps) {
  const stores = useStores();
  const { route, navigate } = useNavigation();
  const detail = route.detail?.kind === 'image' ? route.detail : undefined;
  const engineIds = list.scope.engineIds;
  const detailEngineId = detail?.engineId ?? engineIds[0] ?? list.engineId;
  const store = stores.images(detailEngineId);
  const otherHost = useEngineStores(
    detail !== undefined && !engineIds.includes(detail.engineId) ? [detail.engineId] : [],
    stores.images,
  );
  const state = list.lists.stateOf(detailEngineId) ?? otherHost.find((s) => s.engineId === detailEngineId);
  const hostName = list.scope.all ? list.scope.hostName : undefined;
  // The rows that stand for the details' image (all its names on its host), for actions from the details.
  const detailsRows = (details: ImageDetailsData): ImageRow[] =>
    toImageRows(state?.snapshot?.items.filter((image) => image.id === details.id) ?? [], hostName);
  const run = (reference: string) =>
    navigate({ page: 'containers', runImage: { engineId: detailEngineId, reference } });
  return (
    <ImageDetails
      imageId={detail?.id}
      version={state?.snapshot?.items.find((image) => image.id === detail?.id)}
      load={store.inspect}
      onClose={() => navigate({ page: 'images' })}
      now={now}
      tab={detail?.tab}
      onTabChange={(tab) => detail !== undefined && navigate({ page: 'images', detail: { ...detail, tab } })}
      onRun={run}
      onPush={(ref) => void store.push(ref)}
      onTag={(details) => {
        const row = detailsRows(details)[0];
        if (row !== undefined) dialogs.setTagging(row);
      }}
      onSave={(details) => void store.save([details.repoTags[0] ?? details.id])}
      onRemove={(details) => dialogs.setRemoving(detailsRows(details))}
    />
  );
}

interface ImageDialogsProps {
  list: ImagesList;
  dialogs: ImageDialogsState;
  now: number;
}

/** The details drawer and every dialog of the page; each acts on the host it names. */
export function ImageDialogs(props: ImageDialogsProps) {
  const stores = useStores();
  const { list, dialogs } = props;
  const { modal, setModal } = dialogs;
  const host = list.hostChoice;
  const close = () => setModal(undefined);
  const preview = useCallback(
    (onEngine: EngineId, mode: ImagePruneMode) => stores.images(onEngine).prunePreview(mode),
    [stores],
  );
  const prune = useCallback(
    (onEngine: EngineId, mode: ImagePruneMode) => stores.images(onEngine).prune(mode),
    [stores],
  );
  return (
    <>
      <ImageDetailsDrawer {...props} />
      <PullModal
        opened={modal === 'pull'}
        onClose={close}
        host={host}
        onPull={(on, ref) => stores.images(on).pull(ref)}
      />
      <BuildModal
        opened={modal === 'build'}
        onClose={close}
        host={host}
        chooseFolder={stores.images(host.initial).chooseBuildContext}
        build={(on, request) => stores.images(on).build(request)}
      />
      <LoadModal
        opened={modal === 'load'}
        onClose={close}
        host={host}
        onLoad={(on) => void stores.images(on).load()}
      />
      <PruneModal opened={modal === 'prune'} onClose={close} host={host} preview={preview} prune={prune} />
      <RegistriesModal opened={modal === 'registries'} onClose={close} host={host} />
      <TagModal
        row={dialogs.tagging}
        onClose={() => dialogs.setTagging(null)}
        onTag={(row, source, target) => stores.images(row.image.engineId).tag(source, target)}
      />
      <RemoveImagesModal
        rows={dialogs.removing}
        onClose={() => dialogs.setRemoving([])}
        onRemove={(on, refs, options) => stores.images(on).remove(refs, options)}
      />
    </>
  );
}
