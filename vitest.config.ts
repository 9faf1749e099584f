import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'src/main/**/*.test.ts',
            'src/shared/**/*.test.ts',
            'src/preload/**/*.test.ts',
            'test/unit/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/reliability/**/*.test.ts',
          ],
          restoreMocks: true,
          // electron-store imports `electron` itself: run it through Vitest (not native Node) so
          // the shell tests' vi.mock('electron') reaches it instead of the real package, which
          // would try to download the Electron binary.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          restoreMocks: true,
        },
      },
    ],
  },
});
