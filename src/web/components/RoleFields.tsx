import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALLOWED_SCOPES, ROLES, type Role, type ScopeKind } from '../../core/roles.js';
import { DepartmentTreeSelect } from './DepartmentTreeSelect.js';
import { RegionSelect } from './RegionSelect.js';

/** Everyone with an employee record is an employee implicitly; that role is never assigned. */
const ASSIGNABLE_ROLES = ROLES.filter((role) => role !== 'employee');

/** One role assignment as the form holds it. */
export interface RoleFieldValues {
  role?: Role;
  scopeKind?: ScopeKind;
  regionId?: string;
  departmentId?: string;
}

function RoleRow({ name, onRemove }: { name: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const role = Form.useWatch<Role | undefined>(['roles', name, 'role'], form);
  const scopeKind = Form.useWatch<ScopeKind | undefined>(['roles', name, 'scopeKind'], form);
  const scopes = role ? ALLOWED_SCOPES[role] : [];
  const required = [{ required: true, message: t('users.required') }];

  return (
    <div className="role-row" data-testid="role-row">
      <Form.Item name={[name, 'role']} rules={required} className="role-field">
        <Select
          placeholder={t('users.role')}
          options={ASSIGNABLE_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          onChange={(next: Role) =>
            // A role allows only some scopes; start from its first one and drop stale pickers.
            form.setFieldValue(['roles', name], { role: next, scopeKind: ALLOWED_SCOPES[next][0] })
          }
        />
      </Form.Item>
      <Form.Item name={[name, 'scopeKind']} rules={required} className="role-field">
        <Select
          placeholder={t('users.scope')}
          disabled={scopes.length < 2}
          options={scopes.map((value) => ({ value, label: t(`scopes.${value}`) }))}
        />
      </Form.Item>
      {scopeKind === 'region' && (
        <Form.Item name={[name, 'regionId']} rules={required} className="role-field">
          <RegionSelect placeholder={t('users.region')} />
        </Form.Item>
      )}
      {scopeKind === 'department' && (
        <Form.Item name={[name, 'departmentId']} rules={required} className="role-field">
          <DepartmentTreeSelect placeholder={t('users.department')} />
        </Form.Item>
      )}
      <Button
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('users.removeRole')}
        onClick={onRemove}
      />
    </div>
  );
}

/** The `roles` list of a user form: role, then the scope it takes, then where. */
export function RoleFields() {
  const { t } = useTranslation();
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <RoleRow key={field.key} name={field.name} onRemove={() => remove(field.name)} />
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
            {t('users.addRole')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
