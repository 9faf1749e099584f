import type { MouseEvent, ReactElement } from 'react';

/**
 * Jumps past the sidebar. The default jump is replaced by focusing the target directly,
 * because the URL hash holds the current view and must not become `#content`.
 */
export function SkipLink({ targetId }: { targetId: string }): ReactElement {
  const onClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    document.getElementById(targetId)?.focus();
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={onClick}>
      Skip to content
    </a>
  );
}
