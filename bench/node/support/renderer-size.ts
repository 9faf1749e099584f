/**
 * What the renderer costs to ship: every .js file electron-vite wrote under out/renderer, raw
 * and gzipped at level 9 (as a server or an asar-reading loader would hold it compressed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

export const RENDERER_OUT = fileURLToPath(new URL('../../../out/renderer', import.meta.url));

export interface RendererSize {
  readonly files: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Sizes of the built renderer's JavaScript; throws when there is no build to measure. */
export function rendererJsSize(dir = RENDERER_OUT): RendererSize {
  const files = jsFiles(dir);
  if (files.length === 0) throw new Error(`no .js under ${dir}: build first (npm run build)`);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  }
  return { files: files.length, rawBytes, gzipBytes };
}
