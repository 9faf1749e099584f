import { type ReactElement, type ReactNode, useId } from 'react';

/** A titled part of a view; the heading names the region for screen readers. */
export function Section({ title, children }: { title: string; children: ReactNode }): ReactElement {
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 className="section__title" id={headingId}>
        {title}
      </h2>
      {children}
    </section>
  );
}
