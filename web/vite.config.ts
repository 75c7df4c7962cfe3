import { defineConfig } from 'vite';

// The build has a second step, scripts/prerender.ts (first screen, inline boot script and CSS,
// Content-Security-Policy, precompressed copies): `npm run build` runs both.
export default defineConfig({
  resolve: {
    // The browser runs the app on Preact through its React compatibility layer: the code and its
    // types stay React's, but the first screen's scripts weigh 14 KB instead of 69 KB (brotli),
    // which is what keeps it interactive under 2 s on slow 3G (bench:web). The prerender step
    // renders with React's own server renderer (it runs without this config).
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
    ],
  },
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
