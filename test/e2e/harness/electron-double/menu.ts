import { EventEmitter } from 'node:events';

import type { MenuItemConstructorOptions } from 'electron';

import type { TrayMenuItem } from './control-protocol.js';
import { createEvent } from './events.js';
import { type NativeImageDouble, toNativeImage } from './native-image.js';

/** Runs what a role does; returns false when the role has no executable action (then `click` runs). */
type RoleAction = (context: RoleContext) => boolean;

export interface RoleContext {
  focusedWindow: RoleWindow | undefined;
  focusedWebContents: RoleWebContents | undefined;
  quit(): void;
  showAboutPanel(): void;
}

interface RoleWindow {
  close(): void;
  minimize(): void;
  reload(): void;
  setFullScreen(flag: boolean): void;
  isFullScreen(): boolean;
  webContents: RoleWebContents;
}

interface RoleWebContents {
  reloadIgnoringCache(): void;
}

interface Role {
  label: string;
  accelerator?: string;
  action?: RoleAction;
  submenu?: MenuItemConstructorOptions[];
}

const onWindow =
  (act: (window: RoleWindow) => void): RoleAction =>
  (context) => {
    if (context.focusedWindow === undefined) return false;
    act(context.focusedWindow);
    return true;
  };

/** Electron's roles with their Linux labels and accelerators (roles.ts); the actions the double can perform. */
const ROLES: Record<string, Role> = {
  about: { label: 'About', action: (context) => (context.showAboutPanel(), true) },
  close: { label: 'Close', accelerator: 'CommandOrControl+W', action: onWindow((window) => window.close()) },
  copy: { label: 'Copy', accelerator: 'CommandOrControl+C' },
  cut: { label: 'Cut', accelerator: 'CommandOrControl+X' },
  delete: { label: 'Delete' },
  forcereload: {
    label: 'Force Reload',
    accelerator: 'Shift+CmdOrCtrl+R',
    action: onWindow((window) => window.webContents.reloadIgnoringCache()),
  },
  front: { label: 'Bring All to Front' },
  help: { label: 'Help' },
  hide: { label: 'Hide', accelerator: 'Command+H' },
  hideothers: { label: 'Hide Others', accelerator: 'Command+Alt+H' },
  minimize: {
    label: 'Minimize',
    accelerator: 'CommandOrControl+M',
    action: onWindow((window) => window.minimize()),
  },
  paste: { label: 'Paste', accelerator: 'CommandOrControl+V' },
  pasteandmatchstyle: { label: 'Paste and Match Style', accelerator: 'Shift+CommandOrControl+V' },
  quit: { label: 'Quit', accelerator: 'CommandOrControl+Q', action: (context) => (context.quit(), true) },
  redo: { label: 'Redo', accelerator: 'Shift+CommandOrControl+Z' },
  reload: { label: 'Reload', accelerator: 'CmdOrCtrl+R', action: onWindow((window) => window.reload()) },
  resetzoom: { label: 'Actual Size', accelerator: 'CommandOrControl+0' },
  selectall: { label: 'Select All', accelerator: 'CommandOrControl+A' },
  services: { label: 'Services' },
  recentdocuments: { label: 'Open Recent' },
  clearrecentdocuments: { label: 'Clear Menu' },
  startspeaking: { label: 'Start Speaking' },
  stopspeaking: { label: 'Stop Speaking' },
  toggledevtools: { label: 'Toggle Developer Tools', accelerator: 'Ctrl+Shift+I' },
  togglefullscreen: {
    label: 'Toggle Full Screen',
    accelerator: 'F11',
    action: onWindow((window) => window.setFullScreen(!window.isFullScreen())),
  },
  undo: { label: 'Undo', accelerator: 'CommandOrControl+Z' },
  unhide: { label: 'Show All' },
  window: { label: 'Window' },
  zoom: { label: 'Zoom' },
  zoomin: { label: 'Zoom In', accelerator: 'CommandOrControl+Plus' },
  zoomout: { label: 'Zoom Out', accelerator: 'CommandOrControl+-' },
  filemenu: { label: 'File', submenu: [{ role: 'quit' }] },
  editmenu: {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  },
  viewmenu: {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  },
  windowmenu: { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] },
  sharemenu: { label: 'Share', submenu: [] },
};

const MENU_ITEM_TYPES = ['normal', 'separator', 'submenu', 'checkbox', 'radio', 'header', 'palette'];

let nextCommandId = 0;

/** Where menu clicks find the focused window and the app (set by app.ts). */
let roleContextProvider: (() => RoleContext) | undefined;

export function setRoleContextProvider(provider: () => RoleContext): void {
  roleContextProvider = provider;
}

export type MenuItemClick = (
  menuItem: MenuItemDouble,
  window: RoleWindow | undefined,
  event: KeyboardEventLike,
) => void;

interface KeyboardEventLike {
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  triggeredByAccelerator: boolean;
}

type ItemOptions = Omit<MenuItemConstructorOptions, 'click' | 'submenu'> & {
  click?: MenuItemClick;
  submenu?: ItemOptions[] | MenuDouble;
};

/** `MenuItem`, following Electron's menu-item.ts: role defaults, checkbox/radio flipping, role execution. */
export class MenuItemDouble {
  readonly commandId = ++nextCommandId;
  readonly type: string;
  readonly role: string | undefined;
  readonly accelerator: string | undefined;
  readonly icon: NativeImageDouble | undefined;
  readonly submenu: MenuDouble | undefined;
  readonly id: string | undefined;
  label: string;
  sublabel: string;
  toolTip: string;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  registerAccelerator: boolean;
  /** Set by the menu a radio item is inserted in: its contiguous radio group. */
  groupId: number | undefined;
  menu: MenuDouble | undefined;
  private readonly userClick: MenuItemClick | undefined;

  constructor(options: ItemOptions) {
    const role = typeof options.role === 'string' ? options.role.toLowerCase() : undefined;
    const roleDefaults = role === undefined ? undefined : ROLES[role];
    let submenu: MenuDouble | ItemOptions[] | undefined =
      options.submenu ?? (roleDefaults?.submenu as ItemOptions[] | undefined);
    if (submenu !== undefined && !(submenu instanceof MenuDouble))
      submenu = MenuDouble.buildFromTemplate(submenu);
    let type: string = options.type ?? (submenu !== undefined ? 'submenu' : 'normal');
    if (type === 'submenu' && submenu === undefined) throw new Error('Invalid submenu');
    if (!MENU_ITEM_TYPES.includes(type)) throw new Error(`Unknown menu item type: ${type}`);
    if (options.type === undefined && submenu === undefined) type = 'normal';
    this.type = type;
    this.role = role;
    this.submenu = submenu;
    this.id = options.id;
    this.accelerator = options.accelerator ?? roleDefaults?.accelerator;
    this.icon =
      options.icon === undefined ? undefined : toNativeImage(options.icon as NativeImageDouble | string);
    this.label = options.label ?? roleDefaults?.label ?? '';
    this.sublabel = options.sublabel ?? '';
    this.toolTip = options.toolTip ?? '';
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.checked = options.checked ?? false;
    this.registerAccelerator = options.registerAccelerator ?? true;
    this.groupId = undefined;
    this.userClick = options.click;
  }

  /** What a click does: flip checkbox/radio, run the role, else call `click(menuItem, window, event)`. */
  click(
    event: KeyboardEventLike = keyboardEvent(),
    focusedWindow?: RoleWindow,
    focusedWebContents?: RoleWebContents,
  ): void {
    if (this.type === 'checkbox' || this.type === 'radio') this.checked = !this.checked;
    const context = roleContextProvider?.();
    const window = focusedWindow ?? context?.focusedWindow;
    const contents = focusedWebContents ?? context?.focusedWebContents;
    const action = this.role === undefined ? undefined : ROLES[this.role]?.action;
    if (
      action !== undefined &&
      context !== undefined &&
      action({ ...context, focusedWindow: window, focusedWebContents: contents })
    ) {
      return;
    }
    this.userClick?.(this, window, event);
  }
}

export function keyboardEvent(): KeyboardEventLike {
  return { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, triggeredByAccelerator: false };
}

function isValidTemplateItem(item: unknown): boolean {
  if (item === null || typeof item !== 'object') return false;
  if (item instanceof MenuItemDouble) return true;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(item, key);
  return has('label') || has('role') || (item as { type?: unknown }).type === 'separator';
}

/** Electron folds adjacent separators and drops separators at either end. */
function removeExtraSeparators<T extends { type?: string; visible?: boolean }>(items: T[]): T[] {
  const folded = items.filter(
    (item, index, all) =>
      item.visible === false ||
      item.type !== 'separator' ||
      index === 0 ||
      all[index - 1].type !== 'separator',
  );
  return folded.filter(
    (item, index, all) =>
      item.visible === false || item.type !== 'separator' || (index !== 0 && index !== all.length - 1),
  );
}

let applicationMenu: MenuDouble | null = null;
const radioChecked = new WeakMap<MenuItemDouble, boolean>();

/** `Menu` (positioning by `before`/`after` is not applied). */
export class MenuDouble extends EventEmitter {
  readonly items: MenuItemDouble[] = [];
  private nextGroupId = 0;

  static buildFromTemplate(template: (ItemOptions | MenuItemDouble)[]): MenuDouble {
    if (!Array.isArray(template))
      throw new TypeError('Invalid template for Menu: Menu template must be an array');
    if (!template.every(isValidTemplateItem)) {
      throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    }
    const menu = new MenuDouble();
    for (const item of removeExtraSeparators(template)) {
      menu.append(item instanceof MenuItemDouble ? item : new MenuItemDouble(item));
    }
    return menu;
  }

  static setApplicationMenu(menu: MenuDouble | null): void {
    applicationMenu = menu;
  }

  static getApplicationMenu(): MenuDouble | null {
    return applicationMenu;
  }

  static sendActionToFirstResponder(_action: string): void {
    // macOS only.
  }

  append(item: MenuItemDouble): void {
    this.insert(this.items.length, item);
  }

  insert(position: number, item: MenuItemDouble): void {
    if (!(item instanceof MenuItemDouble)) throw new TypeError('Invalid item');
    item.menu = this;
    this.items.splice(position, 0, item);
    if (item.type === 'radio') this.joinRadioGroup(position, item);
  }

  /** Contiguous radio items form a group; setting `checked` on one (to anything) checks it alone (menu.ts). */
  private joinRadioGroup(position: number, item: MenuItemDouble): void {
    const previous = this.items[position - 1];
    const next = this.items[position + 1];
    const groupId =
      previous?.type === 'radio'
        ? previous.groupId
        : next?.type === 'radio'
          ? next.groupId
          : this.nextGroupId++;
    item.groupId = groupId;
    radioChecked.set(item, item.checked);
    Object.defineProperty(item, 'checked', {
      enumerable: true,
      configurable: true,
      get: () => radioChecked.get(item) === true,
      set: () => {
        for (const other of this.items) {
          if (other !== item && other.type === 'radio' && other.groupId === groupId)
            radioChecked.set(other, false);
        }
        radioChecked.set(item, true);
      },
    });
  }

  getMenuItemById(id: string): MenuItemDouble | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const found = item.submenu?.getMenuItemById(id);
      if (found) return found;
    }
    return null;
  }

  popup(_options?: unknown): void {
    this.emit('menu-will-show', createEvent());
  }

  closePopup(_window?: unknown): void {
    this.emit('menu-will-close', createEvent());
  }
}

/** A snapshot of a menu as it was handed to the OS, with the items it would click. */
export interface MenuSnapshotEntry {
  item: MenuItemDouble;
  label: string;
  type: string;
  enabled: boolean;
  visible: boolean;
  checked: boolean;
  submenu: MenuSnapshotEntry[] | undefined;
}

export function snapshotMenu(menu: MenuDouble): MenuSnapshotEntry[] {
  return menu.items.map((item) => ({
    item,
    label: item.label,
    type: item.type,
    enabled: item.enabled,
    visible: item.visible,
    checked: item.checked,
    submenu: item.submenu === undefined ? undefined : snapshotMenu(item.submenu),
  }));
}

/** What a user sees: visible entries, no separators. */
export function describeSnapshot(entries: MenuSnapshotEntry[]): TrayMenuItem[] {
  return entries
    .filter((entry) => entry.visible && entry.type !== 'separator')
    .map((entry) => {
      const described: TrayMenuItem = { label: entry.label, enabled: entry.enabled };
      if (entry.type === 'checkbox' || entry.type === 'radio') described.checked = entry.checked;
      if (entry.submenu !== undefined) described.submenu = describeSnapshot(entry.submenu);
      return described;
    });
}

/** Clicks the entry at `labelPath` as a user would: only visible, enabled entries can be clicked. */
export function clickSnapshot(entries: MenuSnapshotEntry[], labelPath: string[], menuName: string): void {
  if (labelPath.length === 0) throw new Error('Give the label of the item to click');
  let level = entries;
  for (let depth = 0; depth < labelPath.length; depth += 1) {
    const label = labelPath[depth];
    const visible = level.filter((entry) => entry.visible && entry.type !== 'separator');
    const entry = visible.find((candidate) => candidate.label === label);
    if (entry === undefined) {
      const available = visible.map((candidate) => JSON.stringify(candidate.label)).join(', ');
      throw new Error(
        `The ${menuName} has no item ${JSON.stringify(label)} here (it has ${available || 'nothing'})`,
      );
    }
    if (!entry.enabled) throw new Error(`The ${menuName} item ${JSON.stringify(label)} is disabled`);
    if (depth < labelPath.length - 1) {
      if (entry.submenu === undefined)
        throw new Error(`The ${menuName} item ${JSON.stringify(label)} has no submenu`);
      level = entry.submenu;
      continue;
    }
    if (entry.submenu !== undefined)
      throw new Error(`The ${menuName} item ${JSON.stringify(label)} opens a submenu`);
    entry.item.click();
    // The OS menu toggles its own check marks; everything else stays as it was handed over.
    for (const sibling of level) sibling.checked = sibling.item.checked;
  }
}
