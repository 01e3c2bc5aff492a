import { useTranslation } from 'react-i18next';
import type { Locale } from '../../core/errors.js';

/** The current UI language, re-rendering the caller when it changes. */
export function useLanguage(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}
