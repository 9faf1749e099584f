import { Component, type ErrorInfo, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  readonly children: ReactNode;
}

interface ErrorBoundaryState {
  readonly failed: boolean;
}

/**
 * Keeps a crash in one view from blanking the dashboard. The fallback never shows the error
 * itself: messages and stacks can hold paths or account details, so they go to the console.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { failed: false };

  static getDerivedStateFromError(): ErrorBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A view crashed', error, info.componentStack);
  }

  private readonly reset = (): void => {
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="state state--error" role="alert">
        <p className="state__title">Something went wrong in this view</p>
        <p className="state__message">
          The rest of the app still works. Reload the view to try again; if it happens again, report the
          problem from Settings.
        </p>
        <button type="button" className="button" onClick={this.reset}>
          Reload view
        </button>
      </div>
    );
  }
}
