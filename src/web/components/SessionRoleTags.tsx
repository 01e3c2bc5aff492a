import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, ScopeKind } from '../../core/roles.js';
import { useSession } from '../session.js';

/** The session's roles, each with the kind of scope it covers. */
export function SessionRoleTags() {
  const { t } = useTranslation();
  const { roles } = useSession();
  if (roles.length === 0) return <span className="muted">{t('home.noRoles')}</span>;
  return (
    <div className="tag-list" data-testid="session-roles">
      {roles.map(({ role, scope }, index) => (
        <Tag key={`${role}-${scope}-${index}`} color="blue">
          {t(`roles.${role as Role}`, { defaultValue: role })} ·{' '}
          {t(`scopes.${scope as ScopeKind}`, { defaultValue: scope })}
        </Tag>
      ))}
    </div>
  );
}
