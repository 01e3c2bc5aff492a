import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../core/errors.js';
import { LANGUAGES, setLanguage } from '../i18n/index.js';
import { useLanguage } from '../i18n/useLanguage.js';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();

  async function change(next: Locale) {
    await setLanguage(next);
    // Some answers are localized by the server (Accept-Language): fetch them again.
    await queryClient.invalidateQueries();
  }

  return (
    <Select
      aria-label={t('header.language')}
      data-testid="language-switch"
      className="language-switch"
      variant="borderless"
      prefix={<GlobalOutlined />}
      value={language}
      onChange={(next: Locale) => void change(next)}
      options={LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
      popupMatchSelectWidth={false}
    />
  );
}
