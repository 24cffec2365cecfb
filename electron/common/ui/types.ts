import type { EngineId } from '../hosts/engine';

/** The views of the app shell, in sidebar order. */
export const appViews = ['containers', 'images', 'volumes', 'networks', 'swarm', 'hosts'] as const;
export type AppView = (typeof appViews)[number];

/** Each view's name, as the sidebar, the app menu and the palette show it (declared once for all three). */
export const appViewLabels: Record<AppView, string> = {
  containers: 'Containers',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
  swarm: 'Swarm',
  hosts: 'Hosts',
};

/** One object's details page (a container, an image, …), optionally on a given tab. */
export interface DetailRoute {
  kind: 'container' | 'image' | 'volume' | 'network' | 'host';
  engineId: EngineId;
  id: string;
  tab?: string;
}

/** "Run this image on this host": the engine the image was found on and its reference. */
export interface RunImageIntent {
  engineId: EngineId;
  reference: string;
}

/** Where the main window is: a page of the sidebar and, optionally, one object's details on it. */
export interface AppRoute {
  page: AppView;
  detail?: DetailRoute;
  /**
   * With `page: 'containers'`: open the Run dialog on this engine, prefilled with this image reference (the images
   * page's "Run"). The containers page of that engine consumes it and navigates on without it.
   */
  runImage?: RunImageIntent;
  /** With `page: 'images'`: open its Pull or Prune dialog (the palette's commands); consumed like `runImage`. */
  imagesDialog?: 'pull' | 'prune';
}

/** A command given outside the page (app menu, shortcut, tray, notification) for the renderer to carry out. */
export type UiCommand =
  | { command: 'navigate'; view: AppView }
  | { command: 'open'; route: AppRoute }
  | { command: 'find' }
  | { command: 'openPreferences' }
  | { command: 'openCommandPalette' };
