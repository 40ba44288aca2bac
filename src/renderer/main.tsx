// Renderer entry. The bridge goes first: in browser mode it provides `window.samizdat` before any
// component could ask for it; under Electron the preload already did and the bridge stands aside.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './bridge.js';
import { App } from './App.js';
import './styles.css';

installBridge();

const root = document.getElementById('root');
if (root) createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
