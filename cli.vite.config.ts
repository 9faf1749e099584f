import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/**
 * The `dedicated-admin` command: the same core as the app, bundled for plain Node (no
 * Electron). Dependencies stay external and come from node_modules.
 */
export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    ssr: resolve('src/main/cli/index.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      output: { entryFileNames: 'index.js', format: 'es', banner: '#!/usr/bin/env node' },
    },
  },
});
