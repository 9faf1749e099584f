import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { DEVELOPMENT_CSP, PRODUCTION_CSP } from './src/shared/csp';

/** Puts the CSP into index.html: the strict one in builds, a looser one for hot reload. */
function contentSecurityPolicy(): Plugin {
  let policy = PRODUCTION_CSP;
  return {
    name: 'dedicated-admin:csp',
    configResolved(config) {
      policy = config.command === 'serve' ? DEVELOPMENT_CSP : PRODUCTION_CSP;
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() from node_modules: bundle everything it uses
      // into one CommonJS file.
      externalizeDeps: false,
      minify: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react(), contentSecurityPolicy()],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      // The renderer never needs eval, and small assets must not be inlined as data: scripts.
      assetsInlineLimit: 0,
      // electron-vite leaves output unminified by default; the dashboard's load time and the
      // benchmark's size budget want it small.
      minify: true,
    },
  },
});
