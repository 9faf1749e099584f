// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { manyChanges, reviewChange } from '../../test/apply-fixtures';
import { ChangeList } from './ChangeList';

function activeOption(list: HTMLElement): HTMLElement | null {
  const id = list.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id) : null;
}

describe('views/apply/ChangeList', () => {
  afterEach(cleanup);

  it('with 2,000 changes, renders only a window of rows, each telling its place in the whole list', () => {
    render(<ChangeList changes={manyChanges('Modify', 2_000)} label="Modify: 2,000 changes" />);

    const list = screen.getByRole('listbox', { name: 'Modify: 2,000 changes' });
    const options = within(list).getAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThan(50);
    expect(options.every((option) => option.getAttribute('aria-setsize') === '2000')).toBe(true);
    expect(options[0]?.getAttribute('aria-posinset')).toBe('1');
    expect(options[0]?.textContent).toBe('~Modify: Modify0000AWS::Lambda::Function');
  });

  it('moves through the list with the keyboard, keeping the active row rendered, and Enter shows its details', async () => {
    const user = userEvent.setup();
    render(<ChangeList changes={manyChanges('Modify', 2_000)} label="Modify: 2,000 changes" />);
    const list = screen.getByRole('listbox', { name: 'Modify: 2,000 changes' });

    await user.tab();
    expect(document.activeElement).toBe(list);
    expect(activeOption(list)?.getAttribute('aria-posinset')).toBe('1');

    await user.keyboard('{End}');
    expect(activeOption(list)?.getAttribute('aria-posinset')).toBe('2000');
    expect(activeOption(list)?.textContent).toContain('Modify1999');
    await user.keyboard('{ArrowUp}');
    expect(activeOption(list)?.getAttribute('aria-posinset')).toBe('1999');
    await user.keyboard('{PageUp}');
    expect(activeOption(list)?.getAttribute('aria-posinset')).toBe('1988');
    await user.keyboard('{Home}{ArrowDown}');
    expect(activeOption(list)?.getAttribute('aria-posinset')).toBe('2');
    expect(within(list).getAllByRole('option').length).toBeLessThan(50);

    await user.keyboard('{Enter}');
    expect(activeOption(list)?.getAttribute('aria-selected')).toBe('true');
    const details = screen.getByRole('region', { name: 'Modify Modify0001' });
    expect(details.textContent).toContain('AWS::Lambda::Function');
    expect(document.activeElement).toBe(list);
  });

  it('a click selects a change and shows each property before and after, and the replacement in words', async () => {
    const user = userEvent.setup();
    const replaced = reviewChange({ replacement: 'True' });
    render(<ChangeList changes={[replaced]} label="Modify: 1 change" />);

    const option = screen.getByRole('option', { name: /SetupRole/ });
    expect(option.textContent).toContain('Replaced');
    await user.click(option);
    const details = screen.getByRole('region', { name: 'Modify SetupRole' });
    const row = within(details).getByRole('row', { name: /MaxSessionDuration/ });
    expect(row.textContent).toContain('3600');
    expect(row.textContent).toContain('7200');
    expect(details.textContent).toContain(
      'Yes: CloudFormation creates a new resource and deletes the old one',
    );
    await user.click(within(details).getByRole('button', { name: /^Close/ }));
    expect(screen.queryByRole('region', { name: 'Modify SetupRole' })).toBeNull();
  });
});
