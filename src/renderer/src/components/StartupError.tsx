import type { ReactElement } from 'react';

/** Shown instead of the dashboard when it cannot start at all (no API from the preload). */
export function StartupError({ message }: { message: string }): ReactElement {
  return (
    <main className="startup-error">
      <h1>Dedicated Admin could not start</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
