import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_STACK } from '../../test/e2e/dashboard/aws-fixtures';
import { median, recordBench, round } from '../support/record';
import { expect, stackIdOf, test } from './support/bench-fixtures';
import {
  probeReviewReplies,
  type ReviewSample,
  renderPlainReview,
  type ScrollRun,
  scrollListsFrameByFrame,
} from './support/page-probes';
import { reviewScenario } from './support/review-scenario';
import { CELL_NAME, runToConfirmation } from './support/run-to-confirmation';
import { CHANGES_PER_PAGE } from './support/scripted-cloudformation';

/**
 * Issue 7, "Review at scale": a change set of 2,000 changes (DescribeChangeSet pages of 100, read
 * by the real review code in main) is opened in the wizard several times; each time the page
 * times, from the `apply:get-review` reply landing to the first frame painted with the counts
 * and every change list's first rows. Then the lists are scrolled top to bottom for the frame
 * rate. Baseline, measured the same way in a blank page: the same rows as a plain list, every row
 * in the document, which is what the virtualised lists avoid.
 */
const TOTAL = 2_000;
const SAMPLES = 11;
const LABEL = 'Infrastructure Update v44';
/** ChangeList's ROW_HEIGHT: every row is one line of this height. */
const ROW_HEIGHT = 36;
/** A fast fling: 500 rows a second, ~300 px a frame at 60 Hz. */
const ROWS_PER_SECOND = 500;
const RENDERER_ASSETS = join(import.meta.dirname, '..', '..', 'out', 'renderer', 'assets');

type BenchWindow = { __bench: { reviews: ReviewSample[] } };

function framesPerSecond(runs: readonly ScrollRun[]): number {
  const frames = runs.reduce((sum, run) => sum + run.frames, 0);
  const elapsed = runs.reduce((sum, run) => sum + run.elapsedMs, 0);
  return (frames / elapsed) * 1000;
}

/** The dashboard's own stylesheet, so the plain list is laid out and painted like the app's rows. */
function dashboardCss(): string {
  return readdirSync(RENDERER_ASSETS)
    .filter((name) => name.endsWith('.css'))
    .map((name) => readFileSync(join(RENDERER_ASSETS, name), 'utf8'))
    .join('\n');
}

test.describe('bench: review at scale', () => {
  test.setTimeout(240_000);

  test('a review of 2,000 changes is on screen soon after its data lands, and scrolls smoothly', async ({
    dashboard,
    bridge,
    moto,
    cloudFormation,
  }) => {
    const scenario = reviewScenario(TOTAL);
    cloudFormation.script({
      stackName: ROLE_STACK,
      stackId: await stackIdOf(moto.endpoint, ROLE_STACK),
      changes: scenario.changes,
      deployedTemplate: scenario.deployedTemplate,
      templateStandIn: scenario.standInTemplate,
    });
    const run = await runToConfirmation(bridge, { label: LABEL, roleTemplate: scenario.proposedTemplate });
    const pages = cloudFormation.calls.filter(
      (call) => call.action === 'DescribeChangeSet' && cloudFormation.isScriptedStack(call.stack),
    ).length;
    // The review read every page (the waits for CREATE_COMPLETE name the change set by ARN alone).
    expect(pages).toBeGreaterThanOrEqual(TOTAL / CHANGES_PER_PAGE);
    const review = await bridge.runtime.apply.review(run.runId, 0);
    expect(review.summary.total).toBe(TOTAL);

    await dashboard.reload();
    await dashboard.evaluate(probeReviewReplies, { leadStart: '2,000 changes', lists: 3 });
    await dashboard.getByRole('tab', { name: 'Apply' }).click();
    const open = dashboard.getByRole('button', { name: `Open the run of ${LABEL} on ${CELL_NAME}` });
    const reviews = (): Promise<number> =>
      dashboard.evaluate(() => (window as unknown as BenchWindow).__bench.reviews.length);
    for (let sample = 1; sample <= SAMPLES; sample++) {
      await open.click();
      await expect.poll(reviews, { timeout: 30_000 }).toBe(sample);
      if (sample < SAMPLES) {
        await dashboard.getByRole('button', { name: 'All runs and updates to apply' }).click();
        await expect(open).toBeVisible();
      }
    }
    const app = await dashboard.evaluate(() => (window as unknown as BenchWindow).__bench.reviews);
    await expect(dashboard.getByRole('listbox', { name: /^Modify: 1,400 changes$/ })).toBeVisible();
    const appScroll = await dashboard.evaluate(scrollListsFrameByFrame, {
      selector: '.review [role="listbox"]',
      rowsPerSecond: ROWS_PER_SECOND,
      rowHeight: ROW_HEIGHT,
    });
    // The virtualised lists keep only the rows in view in the document.
    const rowsInDom = await dashboard.locator('.review [role="option"]').count();
    expect(rowsInDom).toBeLessThan(200);
    const appElements = await dashboard.evaluate(() => document.querySelectorAll('.review *').length);

    // ── Baseline: the same reply, every row in the document, in a blank page. ──
    const replyText = JSON.stringify({ ok: true, value: review });
    const blank = await dashboard.context().newPage();
    await blank.setContent(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${dashboardCss()}\n` +
        '.plain-list .change-row { position: static; height: 36px; }</style></head>' +
        '<body><main id="root"></main></body></html>',
    );
    const plain: ReviewSample[] = [];
    for (let sample = 0; sample < SAMPLES; sample++) {
      await blank.evaluate(
        () =>
          new Promise<void>((resolve) => {
            document.getElementById('root')?.replaceChildren();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          }),
      );
      plain.push(await blank.evaluate(renderPlainReview, replyText));
    }
    expect(await blank.locator('.plain-list [role="option"]').count()).toBe(TOTAL);
    const plainElements = await blank.evaluate(() => document.querySelectorAll('#root *').length);
    const plainScroll = await blank.evaluate(scrollListsFrameByFrame, {
      selector: '.plain-list',
      rowsPerSecond: ROWS_PER_SECOND,
      rowHeight: ROW_HEIGHT,
    });
    await blank.close();

    const paints = app.map((sample) => sample.paintedMs);
    const rendered = median(paints);
    const plainRendered = median(plain.map((sample) => sample.paintedMs));
    const fps = framesPerSecond(appScroll);
    const plainFps = framesPerSecond(plainScroll);
    const worstFrame = Math.max(...appScroll.map((run) => run.worstFrameMs));
    const plainWorstFrame = Math.max(...plainScroll.map((run) => run.worstFrameMs));
    recordBench({
      group: 'review-at-scale',
      figures: {
        review2000RenderMs: Math.round(rendered),
        reviewScrollFps: round(fps, 1),
      },
      rows: [
        {
          name: `Review of ${TOTAL.toLocaleString('en-US')} changes on screen after its data lands (median of ${SAMPLES})`,
          value: Math.round(rendered),
          unit: 'ms',
          baseline: Math.round(plainRendered),
          goal: '< 300',
          met: rendered < 300,
        },
        {
          name: 'Of which until the counts and first rows are in the DOM (median)',
          value: Math.round(median(app.map((sample) => sample.domMs))),
          unit: 'ms',
          baseline: Math.round(median(plain.map((sample) => sample.domMs))),
        },
        {
          name: 'Of which JSON.parse of the reply (median)',
          value: round(median(app.map((sample) => sample.parseMs)), 1),
          unit: 'ms',
          baseline: round(median(plain.map((sample) => sample.parseMs)), 1),
        },
        {
          name: 'Elements in the rendered review (whole review vs. the plain lists)',
          value: appElements,
          unit: 'elements',
          baseline: plainElements,
        },
        {
          name: 'Scrolling the change lists top to bottom',
          value: round(fps, 1),
          unit: 'fps',
          baseline: round(plainFps, 1),
        },
        {
          name: 'Longest frame while scrolling',
          value: round(worstFrame, 1),
          unit: 'ms',
          baseline: round(plainWorstFrame, 1),
        },
      ],
      method:
        `A real run's review (${pages} DescribeChangeSet calls of up to ${CHANGES_PER_PAGE} changes from a scripted endpoint in front of moto, a ${round((app[0]?.replyChars ?? 0) / 1e6, 1)} MB IPC reply) opened ${SAMPLES} times in the wizard (${Math.round(Math.min(...paints))}–${Math.round(Math.max(...paints))} ms); timed in the page with performance.now() from the reply landing to the first frame painted with the counts and every list's first rows. ` +
        `Scrolling moves each list at ${ROWS_PER_SECOND} rows/s once per animation frame and counts frames. Baseline: the same rows as plain DOM, all ${TOTAL.toLocaleString('en-US')} in the document, in a blank page with the app's CSS, timed the same way.`,
    });
  });
});
