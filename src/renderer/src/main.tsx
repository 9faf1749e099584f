import './styles.css';
import { type ReactElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getApi } from './api';
import { ApiProvider } from './api-context';
import { StartupError } from './components/StartupError';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no #root element.');
}

function startupContent(): ReactElement {
  try {
    return (
      <ApiProvider api={getApi()}>
        <App />
      </ApiProvider>
    );
  } catch (error) {
    return <StartupError message={error instanceof Error ? error.message : String(error)} />;
  }
}

createRoot(container).render(<StrictMode>{startupContent()}</StrictMode>);
