import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The build has a second step, scripts/prerender.ts (first screen, inline boot script and CSS,
// Content-Security-Policy, precompressed copies): `npm run build` runs both.
export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    // Small inline assets would need `data:` fonts and scripts in the CSP; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // pdf-lib and fontkit make one large chunk, loaded only when an evidence pack is made.
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: { port: 5173 },
});
