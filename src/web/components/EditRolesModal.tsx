import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { setUserRoles, usersKey, type AdminUser } from '../api/users.js';
import { RoleFields, type RoleFieldValues } from './RoleFields.js';
import { toRoleFields, toRoleInputs } from './roleInput.js';
import { useFormUnsavedInput } from '../hooks/useUnsavedInput.js';

interface Props {
  user: AdminUser;
  onClose: () => void;
}

/** Replaces an account's roles; mounted only while open, so it starts from the current grants. */
export function EditRolesModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ roles?: RoleFieldValues[] }>();
  useFormUnsavedInput(form);
  const mutation = useMutation({
    mutationFn: (rows?: RoleFieldValues[]) => setUserRoles(user.id, toRoleInputs(rows)),
    onSuccess: async () => {
      void message.success(t('users.saved'));
      onClose();
      await queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });

  return (
    <Modal
      open
      title={t('users.editRolesTitle', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ roles: toRoleFields(user.roles) }}
        onFinish={({ roles }) => mutation.mutate(roles)}
      >
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <RoleFields />
      </Form>
    </Modal>
  );
}
