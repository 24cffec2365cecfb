import { contextBridge, ipcRenderer } from 'electron';

import { createBridge } from './bridge';

// The page gets exactly one narrow object; `ipcRenderer` itself never crosses the bridge.
contextBridge.exposeInMainWorld('berth', createBridge(ipcRenderer));
