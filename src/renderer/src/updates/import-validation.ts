import { localDateString } from './deadline-words';

/** The largest template main accepts: 1 MiB. Bigger files are refused before they are read. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** An update has a role template, an instance template, or both. */
export const MAX_TEMPLATES = 2;

export const TEMPLATE_ACCEPT = '.json,.yaml,.yml,.template,.txt';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Why a picked file cannot be a template, or undefined when it may be one. */
export function fileProblem(file: { readonly name: string; readonly size: number }): string | undefined {
  if (file.size > MAX_TEMPLATE_BYTES) {
    return `${file.name} is ${formatSize(file.size)}; a template can be at most 1 MiB. Check that it is the template Gitpod sent, not an archive.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  return undefined;
}

/** Why an address cannot be read, or undefined when main may try it. */
export function addressProblem(raw: string): string | undefined {
  const address = raw.trim();
  if (address.length > 2048) return 'The address is too long (at most 2,048 characters).';
  if (/^http:\/\//i.test(address)) {
    return 'Use an https:// address: templates are never fetched over plain http, which anyone on the way could change.';
  }
  if (!/^(https|s3):\/\//i.test(address)) {
    return 'Enter an https:// address or an S3 location (s3://bucket/key).';
  }
  try {
    new URL(address);
  } catch {
    return 'This is not a complete address; copy it again from Gitpod’s message.';
  }
  return undefined;
}

export function labelProblem(label: string): string | undefined {
  const trimmed = label.trim();
  if (trimmed === '') return 'Enter a label, for example “Infrastructure Update v37”.';
  if (trimmed.length > 200) return 'The label is too long (at most 200 characters).';
  return undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function releaseDateProblem(value: string, now: Date): string | undefined {
  if (value === '') return undefined;
  if (!isDate(value)) return 'Enter the release date as a date, for example 2026-03-02.';
  if (value > localDateString(now))
    return 'The release date is in the future; enter the date Gitpod released it.';
  return undefined;
}

export function deadlineProblem(value: string, releasedOn: string): string | undefined {
  if (value === '') return undefined;
  if (!isDate(value)) return 'Enter the deadline as a date, for example 2026-03-16.';
  if (releasedOn !== '' && value <= releasedOn) return 'The deadline must come after the release date.';
  return undefined;
}

export function changelogProblem(value: string): string | undefined {
  const url = value.trim();
  if (url === '') return undefined;
  if (!/^https:\/\//i.test(url)) return 'Enter an https:// link, or leave it empty.';
  try {
    new URL(url);
  } catch {
    return 'This is not a complete link; copy it again from Gitpod’s message.';
  }
  if (url.length > 2048) return 'The link is too long (at most 2,048 characters).';
  return undefined;
}

export function notesProblem(value: string): string | undefined {
  return value.length > 4000 ? 'The notes are too long (at most 4,000 characters).' : undefined;
}
