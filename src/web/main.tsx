import './zodConfig.js';
import 'antd/dist/reset.css';
import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { router } from './App.js';
import { nonceNewStyleElements, readCspNonce } from './csp.js';
import { setPickerLanguage } from './dates.js';
import { antdLocale } from './i18n/antdLocale.js';
import { useLanguage } from './i18n/useLanguage.js';
import { queryClient } from './queryClient.js';

const nonce = readCspNonce();
if (nonce) nonceNewStyleElements(nonce);
// One object for the app's lifetime: a new one per render would make antd re-register its styles.
const csp = { nonce };

function Root() {
  const language = useLanguage();
  // dayjs keeps its locale globally; set before the pickers below render with it.
  setPickerLanguage(language);
  return (
    // Virtual lists keep a hidden copy of the active options for screen readers whose text is
    // each option's value, an id; without them the options themselves are read, by their labels.
    <ConfigProvider csp={csp} locale={antdLocale(language)} virtual={false}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
