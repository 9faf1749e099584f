import { type RefObject, useEffect } from 'react';

/**
 * After a refused submit, moves focus to the first invalid control in `container`, so a
 * keyboard or screen-reader user lands on the field to fix and hears its message.
 * `attempt` counts refused submits; 0 means none yet.
 */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt === 0) return;
    container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [container, attempt]);
}
