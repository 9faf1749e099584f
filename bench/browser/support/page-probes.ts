/**
 * Measurements taken inside the page. Each exported function is handed to `page.evaluate`, which
 * sends its source text to Chromium: so each is self-contained (no imports, no module helpers)
 * and keeps what it saw on `window.__bench`.
 *
 * "On screen" is the first frame painted after the DOM change: a requestAnimationFrame callback
 * runs just before the frame's style, layout and paint, and a message posted from it is handled
 * after that frame has been produced.
 */

export interface EventSighting {
  /** Date.now() when the row was first in the DOM (MutationObserver). */
  readonly domAt: number;
  /** Date.now() after the first frame painted with the row in it. */
  paintedAt?: number;
}

export interface ReviewSample {
  /** Size of the IPC reply's body, in characters. */
  readonly replyChars: number;
  /** JSON.parse of the reply (Electron's IPC deserialises before the reply lands; here it is counted). */
  parseMs: number;
  /** From the reply landing to the counts and every list's first rows being in the DOM. */
  domMs: number;
  /** From the reply landing to the first frame painted with them. */
  paintedMs: number;
}

export interface ScrollRun {
  readonly frames: number;
  readonly elapsedMs: number;
  /** The longest time between two frames. */
  readonly worstFrameMs: number;
  readonly rows: number;
}

interface BenchWindow {
  __bench?: {
    events?: Record<string, EventSighting>;
    reviews?: ReviewSample[];
  };
}

/**
 * Watches the wizard's list of recent stack events and notes when each (resource, status) row
 * first appears and is first painted, by the page's wall clock.
 */
export function watchEventRows(): void {
  const win = window as unknown as BenchWindow;
  win.__bench ??= {};
  const seen: Record<string, EventSighting> = {};
  win.__bench.events = seen;
  const scan = (): void => {
    const fresh: EventSighting[] = [];
    for (const row of document.querySelectorAll('table.events-table tbody tr')) {
      const logicalId = row.querySelector('th code')?.textContent ?? '';
      const status = row.querySelector('td code')?.textContent ?? '';
      const key = `${logicalId}|${status}`;
      if (seen[key]) continue;
      const sighting: EventSighting = { domAt: Date.now() };
      seen[key] = sighting;
      fresh.push(sighting);
    }
    if (fresh.length === 0) return;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const at = Date.now();
        for (const sighting of fresh) sighting.paintedAt = at;
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
  };
  new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  scan();
}

/**
 * Wraps the bridge's IPC transport (fetch) so the `apply:get-review` reply is timed where it lands
 * in the page; from there a MutationObserver waits for the review to be rendered: the summary
 * sentence for `total` changes, the counts, and the first rows of every change list.
 */
export function probeReviewReplies(expected: { readonly leadStart: string; readonly lists: number }): void {
  const win = window as unknown as BenchWindow;
  win.__bench ??= {};
  const samples: ReviewSample[] = [];
  win.__bench.reviews = samples;
  const channel = `/__bridge/invoke/${encodeURIComponent('apply:get-review')}`;
  const original = window.fetch.bind(window);

  const rendered = (): boolean => {
    const lead = document.querySelector('.review .apply-screen__lead');
    if (!lead?.textContent?.startsWith(expected.leadStart)) return false;
    if (!document.querySelector('.review .review-counts dd')) return false;
    const lists = document.querySelectorAll('.review [role="listbox"]');
    return (
      lists.length === expected.lists && [...lists].every((list) => list.querySelector('[role="option"]'))
    );
  };

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith(channel)) return response;
    const text = await response.text();
    const landedAt = performance.now();
    const sample: ReviewSample = { replyChars: text.length, parseMs: -1, domMs: -1, paintedMs: -1 };
    const observer = new MutationObserver(() => {
      if (!rendered()) return;
      observer.disconnect();
      sample.domMs = performance.now() - landedAt;
      requestAnimationFrame(() => {
        const after = new MessageChannel();
        after.port1.onmessage = () => {
          sample.paintedMs = performance.now() - landedAt;
          samples.push(sample);
          after.port1.close();
        };
        after.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const copy = new Response(text, { status: response.status, headers: response.headers });
    Object.defineProperty(copy, 'json', {
      value: async (): Promise<unknown> => {
        const start = performance.now();
        const value: unknown = JSON.parse(text);
        sample.parseMs = performance.now() - start;
        return value;
      },
    });
    return copy;
  };
}

/**
 * The baseline: the same review's counts and change rows as plain DOM, every row in the
 * document (no virtualisation), in lists styled like the app's; timed the same way, from the
 * reply text to the first painted frame.
 */
export function renderPlainReview(replyText: string): Promise<ReviewSample> {
  const landedAt = performance.now();
  const parseStart = performance.now();
  const reply = JSON.parse(replyText) as {
    ok: boolean;
    value: {
      summary: { total: number; add: number; modify: number; remove: number };
      groups: Record<
        string,
        Array<{ action: string; logicalId: string; resourceType: string; risk?: { kind: string } }>
      >;
    };
  };
  const parseMs = performance.now() - parseStart;
  const review = reply.value;
  const root = document.getElementById('root');
  if (!root) throw new Error('the baseline page has no #root');
  root.replaceChildren();
  const format = (n: number): string => n.toLocaleString('en-US');
  const container = document.createElement('div');
  container.className = 'review';
  const lead = document.createElement('p');
  lead.className = 'apply-screen__lead';
  lead.textContent = `${format(review.summary.total)} changes: ${format(review.summary.add)} to add, ${format(review.summary.modify)} to modify, ${format(review.summary.remove)} to remove.`;
  const counts = document.createElement('dl');
  counts.className = 'facts review-counts';
  for (const [term, value] of [
    ['Add', review.summary.add],
    ['Modify', review.summary.modify],
    ['Remove', review.summary.remove],
  ] as const) {
    const item = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = format(value);
    item.append(dt, dd);
    counts.append(item);
  }
  container.append(lead, counts);
  const markers: Record<string, string> = { Add: '+', Modify: '~', Remove: '−' };
  for (const key of ['add', 'modify', 'remove']) {
    const changes = review.groups[key] ?? [];
    if (changes.length === 0) continue;
    const title = document.createElement('h5');
    title.className = 'change-group__title';
    title.textContent = `${key} (${format(changes.length)})`;
    const scroller = document.createElement('div');
    scroller.className = 'change-list__scroller plain-list';
    scroller.setAttribute('role', 'listbox');
    scroller.style.height = `${Math.min(changes.length, 12) * 36}px`;
    for (const change of changes) {
      const row = document.createElement('div');
      row.className = 'change-row';
      row.setAttribute('role', 'option');
      const marker = document.createElement('span');
      marker.className = 'change-row__marker';
      marker.textContent = markers[change.action] ?? '?';
      const id = document.createElement('span');
      id.className = 'change-row__id';
      id.textContent = change.logicalId;
      const type = document.createElement('span');
      type.className = 'change-row__type';
      type.textContent = change.resourceType;
      row.append(marker, id, type);
      if (change.risk) {
        const badge = document.createElement('span');
        badge.className = 'badge badge--error change-row__badge';
        badge.textContent = change.risk.kind;
        row.append(badge);
      }
      scroller.append(row);
    }
    container.append(title, scroller);
  }
  root.append(container);
  const domMs = performance.now() - landedAt;
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const after = new MessageChannel();
      after.port1.onmessage = () => {
        after.port1.close();
        resolve({ replyChars: replyText.length, parseMs, domMs, paintedMs: performance.now() - landedAt });
      };
      after.port2.postMessage(null);
    });
  });
}

/**
 * Scrolls every change list of the page from top to bottom, one after the other, moving the
 * scroll position once per animation frame at a fixed speed (rows per second), and counts the
 * frames Chromium produced meanwhile: a frame that takes too long to render shows as fewer frames.
 */
export async function scrollListsFrameByFrame(options: {
  readonly selector: string;
  readonly rowsPerSecond: number;
  readonly rowHeight: number;
}): Promise<ScrollRun[]> {
  const runs: ScrollRun[] = [];
  const lists = [...document.querySelectorAll<HTMLElement>(options.selector)];
  for (const list of lists) {
    list.scrollTop = 0;
    const range = list.scrollHeight - list.clientHeight;
    const rows = Math.round(list.scrollHeight / options.rowHeight);
    const duration = (rows / options.rowsPerSecond) * 1000;
    const run = await new Promise<ScrollRun>((resolve) => {
      let start = -1;
      let last = -1;
      let frames = 0;
      let worst = 0;
      const step = (now: number): void => {
        if (start < 0) {
          start = now;
          last = now;
          requestAnimationFrame(step);
          return;
        }
        frames += 1;
        worst = Math.max(worst, now - last);
        last = now;
        const progress = Math.min(1, (now - start) / duration);
        list.scrollTop = progress * range;
        if (progress < 1) requestAnimationFrame(step);
        else resolve({ frames, elapsedMs: now - start, worstFrameMs: worst, rows });
      };
      requestAnimationFrame(step);
    });
    runs.push(run);
  }
  return runs;
}
