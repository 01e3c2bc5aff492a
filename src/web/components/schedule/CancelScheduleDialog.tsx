import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCHEDULE_LIMITS } from '../../../core/schedule/api.js';
import { cancelScheduledInterview, todoKey, type ScheduledItem } from '../../api/schedule.js';
import { useFormUnsavedInput } from '../../hooks/useUnsavedInput.js';

interface Props {
  plan: ScheduledItem;
  onClose: () => void;
  onDone: () => void;
}

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const CONFIRM_TEST_ID = { 'data-testid': 'cancel-confirm' };
const KEEP_TEST_ID = { 'data-testid': 'cancel-keep' };

/**
 * Cancels a planned interview with a reason the employee reads in its notice. The buttons say
 * what they do (确认取消 / 保留), since a plain 取消 would be read both ways.
 */
export function CancelScheduleDialog({ plan, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  useFormUnsavedInput(form);
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ reason }: { reason: string }) => cancelScheduledInterview(plan, reason.trim()),
    onSuccess: onDone,
    // someone moved it meanwhile (412): the list shows it as it is now, and a retry names that
    onError: () => void queryClient.invalidateQueries({ queryKey: todoKey }),
  });

  return (
    <Modal
      open
      title={t('schedule.cancelTitle', { topic: plan.topic })}
      okText={t('schedule.cancelConfirm')}
      cancelText={t('schedule.cancelKeep')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ ...CONFIRM_TEST_ID, danger: true }}
      cancelButtonProps={KEEP_TEST_ID}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => mutation.mutate(values)}>
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <Form.Item
          name="reason"
          label={t('schedule.cancelReason')}
          extra={t('schedule.cancelReasonHint')}
          rules={[
            { required: true, whitespace: true, message: t('schedule.cancelReasonRequired') },
          ]}
        >
          <Input.TextArea
            data-testid="cancel-reason"
            rows={3}
            className="auto-grow"
            maxLength={SCHEDULE_LIMITS.cancelReason}
            showCount
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
