import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    // Relative to root: the server serves dist/web/index.html and dist/web/assets/.
    outDir: '../../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // antd's shared core alone is ~770 kB minified; pages are split off and load on first visit.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // zod with the setting that stops it from trying eval (src/web/zodConfig.ts), in a chunk
          // of their own that loads before any other: schemas built in a shared chunk that ran
          // first would each try, and the CSP would report it.
          groups: [
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|src[\\/]web[\\/]zodConfig\.ts$/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
