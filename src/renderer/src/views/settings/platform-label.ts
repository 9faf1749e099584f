const PLATFORM_LABELS: Record<string, string> = {
  darwin: 'macOS',
  win32: 'Windows',
  linux: 'Linux',
};

/** Node's platform id (`darwin`) as people say it (`macOS`). */
export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? platform;
}
