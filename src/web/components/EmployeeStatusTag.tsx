import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EmployeeStatus } from '../../core/org.js';

export function EmployeeStatusTag({ status }: { status: EmployeeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={status === 'active' ? 'green' : 'default'}>{t(`employeeStatus.${status}`)}</Tag>
  );
}
