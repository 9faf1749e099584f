/**
 * Where a cell's Gitpod personal access token comes from. The desktop shell keeps it with
 * Electron safeStorage (the OS keychain), the CLI reads GITPOD_TOKEN; core only ever asks
 * for it right before a call and never stores, logs or returns it.
 */
export interface TokenVault {
  /** The cell's token, or null when none is stored. */
  get(cellId: string): Promise<string | null>;
}

/** Tokens in memory: for tests, and for the CLI's one environment token. */
export class MemoryTokenVault implements TokenVault {
  private readonly tokens = new Map<string, string>();

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [cellId, token] of entries) this.tokens.set(cellId, token);
  }

  set(cellId: string, token: string): void {
    this.tokens.set(cellId, token);
  }

  delete(cellId: string): void {
    this.tokens.delete(cellId);
  }

  async get(cellId: string): Promise<string | null> {
    return this.tokens.get(cellId) ?? null;
  }
}

/** The same token for every cell: the CLI's GITPOD_TOKEN with one `--domain`. */
export function singleTokenVault(token: string | null): TokenVault {
  return { get: async () => token };
}

/**
 * Whether text can be a bearer token at all: visible ASCII, no spaces, of a sane length. A
 * line break would otherwise make Node refuse the header, or worse, split it.
 */
export function isUsableToken(token: string): boolean {
  return /^[\x21-\x7e]{8,1024}$/.test(token);
}
