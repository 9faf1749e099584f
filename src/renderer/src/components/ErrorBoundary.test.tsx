// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

const crash = { enabled: true };

function Flaky(): ReactElement {
  if (crash.enabled) throw new Error('secret detail at /home/admin/.aws/credentials');
  return <p>View content</p>;
}

describe('ErrorBoundary', () => {
  afterEach(cleanup);

  it('shows the fallback without the error or stack when a child throws, and recovers on "Reload view"', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const user = userEvent.setup();
    crash.enabled = true;

    const { container } = render(
      <ErrorBoundary>
        <Flaky />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Something went wrong in this view');
    expect(container.textContent).not.toContain('secret detail');
    expect(container.textContent).not.toMatch(/\bat \S+:\d+/);

    crash.enabled = false;
    await user.click(screen.getByRole('button', { name: 'Reload view' }));
    expect(screen.getByText('View content')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
