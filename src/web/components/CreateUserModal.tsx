import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { createUser, usersKey } from '../api/users.js';
import { EmployeePicker } from './EmployeePicker.js';
import { RoleFields, type RoleFieldValues } from './RoleFields.js';
import { toRoleInputs } from './roleInput.js';
import { useFormUnsavedInput } from '../hooks/useUnsavedInput.js';

interface Values {
  username: string;
  displayName: string;
  employeeId?: string;
  password: string;
  roles?: RoleFieldValues[];
}

interface Props {
  open: boolean;
  onClose: () => void;
}

export function CreateUserModal({ open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  useFormUnsavedInput(form, open);
  const mutation = useMutation({
    mutationFn: ({ roles, employeeId, ...rest }: Values) =>
      createUser({ ...rest, employeeId: employeeId || undefined, roles: toRoleInputs(roles) }),
    onSuccess: async () => {
      void message.success(t('users.created'));
      close();
      await queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });
  const required = [{ required: true, message: t('users.required') }];

  function close() {
    form.resetFields();
    mutation.reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <Form.Item name="username" label={t('users.username')} rules={required}>
          <Input autoComplete="off" data-testid="new-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required}>
          <Input autoComplete="off" data-testid="new-display-name" />
        </Form.Item>
        <Form.Item name="employeeId" label={t('users.employee')} extra={t('users.employeeHint')}>
          <EmployeePicker placeholder={t('users.employeePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          extra={t('password.rule')}
          rules={[...required, { min: 8, max: 64, message: t('password.length') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item label={t('users.roles')}>
          <RoleFields />
        </Form.Item>
      </Form>
    </Modal>
  );
}
