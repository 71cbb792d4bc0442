import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The browser app. JSX goes through Oxc's automatic runtime (no React plugin needed);
 * `@contracts` is libs/contracts: the plain TypeScript types and helpers the api shares.
 * `npm run build:web` writes dist/web, which the api serves at `/`.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias: { '@contracts': here('../../libs/contracts/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
