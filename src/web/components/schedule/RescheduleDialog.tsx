import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { rescheduleInterview, todoKey, type ScheduledItem } from '../../api/schedule.js';
import { dayjsFromInstant, defaultInterviewTime, instantFromDayjs, isPast } from '../../dates.js';
import { TimeAndPlaceFields, useConfirmPastTime } from '../records/TimeAndPlaceFields.js';
import { useFormUnsavedInput } from '../../hooks/useUnsavedInput.js';

interface Values {
  scheduledAt: Dayjs;
  placeKind: 'room' | 'online';
  place: string;
}

interface Props {
  plan: ScheduledItem;
  onClose: () => void;
  /** after the move, with the entry as it is now */
  onDone: () => void;
}

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const SUBMIT_TEST_ID = { 'data-testid': 'reschedule-submit' };

/** Moves a planned interview to another time or place; the server tells the employee. */
export function RescheduleDialog({ plan, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useFormUnsavedInput(form);
  const confirmPastTime = useConfirmPastTime();
  const current = dayjsFromInstant(plan.scheduledAt)!;
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      rescheduleInterview(plan, {
        scheduledAt: instantFromDayjs(values.scheduledAt)!,
        place: values.place.trim(),
        placeKind: values.placeKind,
      }),
    onSuccess: onDone,
    // someone moved it meanwhile (412): the list shows it as it is now, and a retry names that
    onError: () => void queryClient.invalidateQueries({ queryKey: todoKey }),
  });

  async function submit(values: Values) {
    if (await confirmPastTime(values.scheduledAt)) mutation.mutate(values);
  }

  return (
    <Modal
      open
      title={t('schedule.rescheduleTitle', { topic: plan.topic })}
      okText={t('schedule.rescheduleSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ ...SUBMIT_TEST_ID, type: 'primary' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{
          // an overdue interview is moved to the next working slot, not to its own past time
          scheduledAt: isPast(current) ? defaultInterviewTime() : current,
          placeKind: plan.placeKind,
          place: plan.place,
        }}
      >
        {mutation.error && (
          <Alert className="form-alert" type="error" showIcon title={mutation.error.message} />
        )}
        <p className="muted">{t('schedule.rescheduleHint')}</p>
        <TimeAndPlaceFields
          timeName="scheduledAt"
          timeLabel={t('schedule.newTime')}
          timeTestId="reschedule-time"
          placeTestId="reschedule-place"
        />
      </Form>
    </Modal>
  );
}
