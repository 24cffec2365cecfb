import type { VolumesChange } from '../../volumes/types';

export const VolumesChannel = {
  VolumesList: 'volumes:list',
  VolumesSizes: 'volumes:sizes',
  VolumesCreate: 'volumes:create',
  VolumesRemove: 'volumes:remove',
  VolumesPrunePreview: 'volumes:prunePreview',
  VolumesPrune: 'volumes:prune',
  VolumesBrowse: 'volumes:browse',
  VolumesDownload: 'volumes:download',
  VolumesExport: 'volumes:export',
  VolumesImport: 'volumes:import',
} as const;

export const VolumesEvent = {
  VolumesChanged: 'volumes:changed',
} as const;

export interface VolumesEventMap {
  [VolumesEvent.VolumesChanged]: VolumesChange;
}
