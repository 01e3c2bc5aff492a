import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RECORD_LIMITS } from '../../../core/records/api.js';
import { scheduleInterview, todoKey } from '../../api/schedule.js';
import { useTemplates } from '../../api/templates.js';
import { defaultInterviewTime, instantFromDayjs } from '../../dates.js';
import { localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { EmployeePicker } from '../EmployeePicker.js';
import { TimeAndPlaceFields, useConfirmPastTime } from '../records/TimeAndPlaceFields.js';
import { useFormUnsavedInput } from '../../hooks/useUnsavedInput.js';

interface Values {
  employeeId?: string;
  templateId?: string;
  topic?: string;
  scheduledAt: Dayjs;
  placeKind: 'room' | 'online';
  place: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** an employee chosen before opening (from its profile) */
  employee?: { id: string; label: string };
}

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const SUBMIT_TEST_ID = { 'data-testid': 'schedule-submit' };

/**
 * Plans an interview: who, with which template, when and where. The employee is notified, and the
 * plan waits on the interviewer's to-do list until it is started (which opens its record).
 */
export function ScheduleInterviewModal({ open, onClose, employee }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  useFormUnsavedInput(form, open);
  const confirmPastTime = useConfirmPastTime();
  const templates = useTemplates('active', open);
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      scheduleInterview({
        employeeId: values.employeeId!,
        templateId: values.templateId!,
        topic: values.topic?.trim() || undefined,
        scheduledAt: instantFromDayjs(values.scheduledAt)!,
        place: values.place.trim(),
        placeKind: values.placeKind,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: todoKey });
      void message.success(t('schedule.created'));
      close();
    },
  });
  const required = [{ required: true, whitespace: true, message: t('recordForm.required') }];

  function close() {
    form.resetFields();
    mutation.reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('schedule.title')}
      okText={t('schedule.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ ...SUBMIT_TEST_ID, type: 'primary' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          if (await confirmPastTime(values.scheduledAt)) mutation.mutate(values);
        }}
        initialValues={{
          employeeId: employee?.id,
          scheduledAt: defaultInterviewTime(),
          placeKind: 'room',
        }}
      >
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <Form.Item name="employeeId" label={t('schedule.employee')} rules={required}>
          <EmployeePicker
            data-testid="schedule-employee"
            team
            placeholder={t('recordForm.employeePlaceholder')}
            initialOption={employee ? { value: employee.id, label: employee.label } : undefined}
          />
        </Form.Item>
        <Form.Item name="templateId" label={t('schedule.template')} rules={required}>
          <Select
            data-testid="schedule-template"
            placeholder={t('recordForm.templatePlaceholder')}
            loading={templates.isLoading}
            options={(templates.data ?? []).map((x) => ({
              value: x.id,
              label: localized(x.name, language),
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="topic" label={t('schedule.topic')}>
          <Input
            data-testid="schedule-topic"
            maxLength={RECORD_LIMITS.topic}
            placeholder={t('schedule.topicPlaceholder')}
          />
        </Form.Item>
        <TimeAndPlaceFields
          timeName="scheduledAt"
          timeLabel={t('schedule.time')}
          timeTestId="schedule-time"
          placeTestId="schedule-place"
        />
      </Form>
    </Modal>
  );
}
