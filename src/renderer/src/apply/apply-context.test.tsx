// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyState } from '../../../shared/apply/apply-ipc';
import { ok, type Result } from '../../../shared/errors';
import { ApiProvider } from '../api-context';
import { applyRun, RUN_ID, runFinished, runMonitoring, runSummary } from '../test/apply-fixtures';
import { applyState, createFakeApi } from '../test/fake-api';
import { ApplyProvider, useApply } from './apply-context';

function Probe(): ReactElement {
  const { state, runById } = useApply();
  if (state.status !== 'ready') return <p>{state.status}</p>;
  const run = runById(RUN_ID);
  return (
    <output aria-label="probe">
      {`active ${state.value.active.map((r) => r.currentStep).join(',')}; listed ${state.value.runs
        .map((r) => r.outcome ?? r.status)
        .join(',')}; by id ${run?.status ?? 'none'}`}
    </output>
  );
}

describe('apply/apply-context', () => {
  afterEach(cleanup);

  it('loads the runs once, then takes every pushed run in place of the one with the same id', async () => {
    const fake = createFakeApi();
    fake.apply.list.mockResolvedValue(ok(applyState({ active: [applyRun()] })));
    render(
      <ApiProvider api={fake.api}>
        <ApplyProvider>
          <Probe />
        </ApplyProvider>
      </ApiProvider>,
    );
    const probe = await screen.findByLabelText('probe');
    expect(probe.textContent).toBe('active preflight; listed ; by id active');

    act(() => fake.emit('applyChanged', runMonitoring()));
    expect(probe.textContent).toBe('active monitor; listed active; by id active');

    act(() => fake.emit('applyChanged', runFinished()));
    expect(probe.textContent).toBe('active ; listed updated; by id finished');
    expect(fake.apply.list).toHaveBeenCalledTimes(1);
  });

  it('keeps a run pushed before the list arrived, when it is the newer copy', async () => {
    const fake = createFakeApi();
    let answer: (result: Result<ApplyState>) => void = () => {};
    fake.apply.list.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    render(
      <ApiProvider api={fake.api}>
        <ApplyProvider>
          <Probe />
        </ApplyProvider>
      </ApiProvider>,
    );
    act(() => fake.emit('applyChanged', runFinished()));
    await act(async () =>
      answer(
        ok(
          applyState({
            active: [runMonitoring()],
            runs: [runSummary({ status: 'active', outcome: undefined, finishedAt: undefined })],
          }),
        ),
      ),
    );
    expect(screen.getByLabelText('probe').textContent).toBe('active ; listed updated; by id finished');
  });
});
