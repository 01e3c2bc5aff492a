import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../core/auth.js';
import { useSession } from '../session.js';

type Ability = keyof SessionInfo['abilities'];

/**
 * Hides a page the user's roles do not open. The server still decides; this only spares the user
 * a page of errors.
 */
export function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const { t } = useTranslation();
  const { abilities } = useSession();
  if (!abilities[ability]) {
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />;
  }
  return children;
}
