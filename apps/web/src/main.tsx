import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { LiveProvider } from './live/live';
import { SessionProvider } from './lib/session';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <LiveProvider>
        <App />
      </LiveProvider>
    </SessionProvider>
  </StrictMode>,
);
