import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments, useRegions } from '../api/org.js';
import type { UserRole } from '../../core/users.js';
import { localName } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';

/** An account's roles with their scopes named: "HR · 华东区". */
export function GrantTags({ grants }: { grants: UserRole[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const regions = useRegions();
  const departments = useDepartments();

  function scopeName(grant: UserRole): string {
    if (grant.scopeKind === 'region') {
      const region = regions.data?.find((r) => r.id === grant.regionId);
      if (region) return localName(region, language);
    }
    if (grant.scopeKind === 'department') {
      const department = departments.data?.find((d) => d.id === grant.departmentId);
      if (department) return localName(department, language);
    }
    return t(`scopes.${grant.scopeKind}`);
  }

  if (grants.length === 0) return <span className="muted">{t('users.noRoles')}</span>;
  return (
    <div className="tag-list">
      {grants.map((grant, index) => (
        <Tag key={`${grant.role}-${index}`} color="blue">
          {t(`roles.${grant.role}`)} · {scopeName(grant)}
        </Tag>
      ))}
    </div>
  );
}
