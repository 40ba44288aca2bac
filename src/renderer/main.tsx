// Renderer entry. The bridge goes first: in browser mode it provides `window.samizdat` before any
// component could ask for it; under Electron the preload already did and the bridge stands aside.
// Then the words (i18next), then the data layer, then the app.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { installBridge } from './bridge.js';
import { installFilesBridge } from './bridge-files-dom.js';
import { queryClient } from './data/query.js';
import { initI18n } from './i18n/index.js';
import { App } from './shell/App.js';
import './styles.css';

installBridge();
installFilesBridge();

const root = document.getElementById('root');
if (root) {
  void initI18n().then((i18n) =>
    createRoot(root).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </I18nextProvider>
      </StrictMode>,
    ),
  );
}
