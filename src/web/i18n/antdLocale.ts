import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Locale } from '../../core/errors.js';

/**
 * antd ships these files as ES modules without declaring it, so TypeScript (NodeNext) types the
 * default import as the whole module while the bundler hands over the locale itself. Accept both.
 */
function unwrap(module: unknown): AntdLocale {
  const value = module as AntdLocale | { default: AntdLocale };
  return 'default' in value ? value.default : value;
}

const LOCALES: Record<Locale, AntdLocale> = {
  'zh-CN': unwrap(zhCNModule),
  'en-US': unwrap(enUSModule),
};

export function antdLocale(language: Locale): AntdLocale {
  return LOCALES[language];
}
