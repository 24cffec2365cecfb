import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles/global.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import { api } from './lib/api';
import { showErrorNotification } from './lib/notify';
import { createStores } from './stores/stores';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <App stores={createStores(api, showErrorNotification)} />
  </StrictMode>,
);
