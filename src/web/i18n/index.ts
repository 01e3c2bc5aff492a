import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../core/errors.js';
import { enUS } from './en-US.js';
import { zhCN } from './zh-CN.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    // Typed keys: a missing or misspelt key fails the type check instead of showing raw keys.
    resources: { translation: typeof zhCN };
  }
}

export const LANGUAGES: readonly Locale[] = ['zh-CN', 'en-US'];
const STORAGE_KEY = 'miantan.language';

function storedLanguage(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en-US' ? 'en-US' : 'zh-CN';
}

export function currentLanguage(): Locale {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export async function setLanguage(language: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

const initial = storedLanguage();
document.documentElement.lang = initial;

// Resources are bundled, so initialising synchronously means the first render is already translated.
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  initAsync: false,
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export { i18n };
