// First: zod must be configured before any schema is built (see zod-setup.ts).
import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApi } from './api';
import { App } from './app/App';
import './styles/base.css';
import './styles/forms.css';
import './styles/screens.css';
import './styles/shell.css';
import './styles/records.css';
import './styles/consent.css';
import './styles/audit.css';
import './styles/feedback.css';
import './styles/print.css';
import './styles/processing-record.css';
import './styles/requests.css';

initApi();

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
