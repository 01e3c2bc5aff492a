import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RECORD_LIMITS } from '../../../core/records/api.js';
import { createRecord, recordKey, recordsKey } from '../../api/records.js';
import { useTemplates } from '../../api/templates.js';
import { defaultInterviewTime, instantFromDayjs } from '../../dates.js';
import { localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { recordPath } from '../../paths.js';
import { EmployeeMultiPicker, EmployeePicker } from '../EmployeePicker.js';
import { TimeAndPlaceFields, useConfirmPastTime } from './TimeAndPlaceFields.js';
import { useFormUnsavedInput } from '../../hooks/useUnsavedInput.js';

interface Values {
  employeeId?: string;
  templateId?: string;
  topic: string;
  interviewAt: Dayjs;
  placeKind: 'room' | 'online';
  place: string;
  participantIds?: string[];
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** an employee chosen before opening (from its profile) */
  employee?: { id: string; label: string };
}

/** A new draft record: who, which template, what about, when and where. Opens it on success. */
export function CreateRecordModal({ open, onClose, employee }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const releaseUnsaved = useFormUnsavedInput(form, open);
  const confirmPastTime = useConfirmPastTime();
  const templates = useTemplates('active', open);
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createRecord({
        employeeId: values.employeeId!,
        templateId: values.templateId!,
        topic: values.topic.trim(),
        interviewAt: instantFromDayjs(values.interviewAt)!,
        place: values.place.trim(),
        placeKind: values.placeKind,
        participantIds: values.participantIds ?? [],
      }),
    onSuccess: async (view) => {
      queryClient.setQueryData(recordKey(view.id), view);
      await queryClient.invalidateQueries({ queryKey: recordsKey });
      releaseUnsaved();
      close();
      void navigate(recordPath(view.id));
    },
  });
  const required = [{ required: true, whitespace: true, message: t('recordForm.required') }];

  function close() {
    form.resetFields();
    mutation.reset();
    onClose();
  }

  function onTemplate(templateId: string) {
    // The template's name is a good first topic; the user's own words are never replaced.
    const template = templates.data?.find((x) => x.id === templateId);
    const topic = form.getFieldValue('topic') as string | undefined;
    const names = (templates.data ?? []).flatMap((x) => [x.name.zh, x.name.en]);
    if (template && (!topic || names.includes(topic))) {
      form.setFieldValue('topic', localized(template.name, language));
    }
  }

  return (
    <Modal
      open={open}
      title={t('recordForm.title')}
      okText={t('recordForm.create')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      okButtonProps={{ ...CREATE_TEST_ID, type: 'primary' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          if (await confirmPastTime(values.interviewAt)) mutation.mutate(values);
        }}
        initialValues={{
          employeeId: employee?.id,
          interviewAt: defaultInterviewTime(),
          placeKind: 'room',
          participantIds: [],
        }}
      >
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <Form.Item name="employeeId" label={t('recordForm.employee')} rules={required}>
          <EmployeePicker
            data-testid="record-employee-picker"
            team
            placeholder={t('recordForm.employeePlaceholder')}
            initialOption={employee ? { value: employee.id, label: employee.label } : undefined}
          />
        </Form.Item>
        <Form.Item name="templateId" label={t('recordForm.template')} rules={required}>
          <Select
            data-testid="record-template-select"
            placeholder={t('recordForm.templatePlaceholder')}
            loading={templates.isLoading}
            options={(templates.data ?? []).map((x) => ({
              value: x.id,
              label: localized(x.name, language),
            }))}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(value: string) => onTemplate(value)}
          />
        </Form.Item>
        <Form.Item name="topic" label={t('record.info.topic')} rules={required}>
          <Input data-testid="record-topic" maxLength={RECORD_LIMITS.topic} />
        </Form.Item>
        <TimeAndPlaceFields
          timeName="interviewAt"
          timeLabel={t('record.info.interviewAt')}
          timeTestId="record-interview-at"
          placeTestId="record-place"
        />
        <Form.Item name="participantIds" label={t('record.info.participantIds')}>
          <EmployeeMultiPicker team placeholder={t('record.participantsPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const CREATE_TEST_ID = { 'data-testid': 'record-create' };
