import type { App, Session, WebContents } from 'electron';

import { isAllowedNavigation, isPermissionGranted } from './policy';

/**
 * Applies the navigation and window-open policy to every web contents the app ever creates, including ones we
 * did not create ourselves.
 */
export function hardenWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => restrictNavigation(contents));
}

/** Denies navigation away from the app and every `window.open`. */
export function restrictNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission request and check (camera, notifications from the page, clipboard read, …). */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
}
