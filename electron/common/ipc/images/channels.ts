import type { ImagesChange } from '../../images/types';

export const ImagesChannel = {
  ImagesList: 'images:list',
  ImagesInspect: 'images:inspect',
  ImagesRemove: 'images:remove',
  ImagesTag: 'images:tag',
  ImagesPrunePreview: 'images:prunePreview',
  ImagesPrune: 'images:prune',
  ImagesPull: 'images:pull',
  ImagesPush: 'images:push',
  ImagesChooseBuildContext: 'images:chooseBuildContext',
  ImagesBuild: 'images:build',
  ImagesSave: 'images:save',
  ImagesLoad: 'images:load',
} as const;

export const ImagesEvent = {
  ImagesChanged: 'images:changed',
} as const;

export interface ImagesEventMap {
  [ImagesEvent.ImagesChanged]: ImagesChange;
}
