import { useMutation } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Modal, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AccountTarget } from '../../core/accounts.js';
import { createAccounts, useActivationSettings } from '../api/accounts.js';
import { keepSlips, SLIPS_PATH } from '../accounts/slips.js';
import { DepartmentTreeSelect } from './DepartmentTreeSelect.js';

type Kind = AccountTarget['kind'];

interface Values {
  kind: Kind;
  departmentId?: string;
  email: boolean;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** the people chosen in the directory */
  selected: string[];
  /** the department the directory is filtered to, to start from */
  departmentId?: string;
}

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const OK_TEST_ID = { 'data-testid': 'accounts-create-send' };

/**
 * Accounts with activation codes for the chosen people, a department, or everyone in the
 * user's scope; the codes go to the slips page (and by e-mail where asked and possible).
 */
export function CreateAccountsModal({ open, onClose, selected, departmentId }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const settings = useActivationSettings(open);
  const kind = Form.useWatch('kind', form);
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createAccounts({
        target:
          values.kind === 'selection'
            ? { kind: 'selection', employeeIds: selected }
            : values.kind === 'department'
              ? { kind: 'department', departmentId: values.departmentId! }
              : { kind: 'everyone' },
        email: values.email,
      }),
    onSuccess: (result) => {
      keepSlips(result);
      void navigate(SLIPS_PATH);
    },
  });

  return (
    <Modal
      open={open}
      title={t('accounts.create.title')}
      okText={t('accounts.create.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      okButtonProps={OK_TEST_ID}
      onOk={() => form.submit()}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: selected.length > 0 ? 'selection' : 'department',
          departmentId,
          email: false,
        }}
        onFinish={(values) => mutation.mutate(values)}
      >
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <Typography.Paragraph type="secondary">{t('accounts.create.intro')}</Typography.Paragraph>
        <Form.Item name="kind" label={t('accounts.create.who')}>
          <Radio.Group data-testid="accounts-target">
            <Space direction="vertical">
              <Radio value="selection" disabled={selected.length === 0}>
                {t('accounts.create.selection', { count: selected.length })}
              </Radio>
              <Radio value="department" data-testid="accounts-target-department">
                {t('accounts.create.department')}
              </Radio>
              <Radio value="everyone" data-testid="accounts-target-everyone">
                {t('accounts.create.everyone')}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {kind === 'department' && (
          <Form.Item
            name="departmentId"
            label={t('directory.department')}
            rules={[{ required: true, message: t('accounts.create.departmentRequired') }]}
          >
            <DepartmentTreeSelect className="full-width" />
          </Form.Item>
        )}
        {settings.data?.email ? (
          <Form.Item name="email" valuePropName="checked">
            <Checkbox data-testid="accounts-email">{t('accounts.create.email')}</Checkbox>
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary" data-testid="accounts-email-off">
            {t('accounts.create.emailOff')}
          </Typography.Paragraph>
        )}
        {settings.data && (
          <Typography.Paragraph type="secondary">
            {t('accounts.create.expiry', { days: String(settings.data.expiryDays) })}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
