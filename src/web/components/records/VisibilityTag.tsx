import { EyeInvisibleOutlined, EyeOutlined, FormOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../core/templates/model.js';

/** Who will see a field, or who writes it: the user should never have to guess. */
export function VisibilityTag({ field }: { field: FieldDef }) {
  const { t } = useTranslation();
  if (field.filledBy === 'employee') {
    return (
      <Tag color="blue" icon={<FormOutlined />} data-testid="visibility-employee-fills">
        {t('record.visibility.employeeFills')}
      </Tag>
    );
  }
  if (field.managerOnly) {
    return (
      <Tag color="orange" icon={<EyeInvisibleOutlined />} data-testid="visibility-manager-only">
        {t('record.visibility.managerOnly')}
      </Tag>
    );
  }
  return (
    <Tag color="green" icon={<EyeOutlined />} data-testid="visibility-employee-visible">
      {t('record.visibility.employeeVisible')}
    </Tag>
  );
}
