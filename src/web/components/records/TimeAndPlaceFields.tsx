import { App, DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RECORD_LIMITS } from '../../../core/records/api.js';
import { INTERVIEW_TIME_PICKER, isPast } from '../../dates.js';

/**
 * Asks before an interview is set at a time that is already over (a record written afterwards, a
 * typo in the date): resolves true to go on. Times to come pass without a question.
 */
export function useConfirmPastTime(): (time: Dayjs) => Promise<boolean> {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  return async (time) =>
    !isPast(time) ||
    (await modal.confirm({
      title: t('schedule.pastConfirm'),
      content: t('schedule.pastHint'),
      okText: t('schedule.pastSave'),
      cancelText: t('schedule.pastBack'),
      okButtonProps: PAST_SAVE_TEST_ID,
    }));
}

interface Props {
  /** the form field that holds the time (`interviewAt`, `scheduledAt`) */
  timeName: string;
  timeLabel: string;
  timeTestId: string;
  placeTestId: string;
}

/**
 * When and where an interview takes place, inside a form with `placeKind` and `place` fields:
 * the place's hint follows whether it is a room or an online meeting.
 */
export function TimeAndPlaceFields({ timeName, timeLabel, timeTestId, placeTestId }: Props) {
  const { t } = useTranslation();
  const placeKind = Form.useWatch('placeKind', Form.useFormInstance()) as unknown;
  return (
    <>
      <Form.Item
        name={timeName}
        label={timeLabel}
        rules={[{ required: true, message: t('recordForm.required') }]}
        extra={t('recordForm.timeZoneHint')}
      >
        <DatePicker
          className="full-width"
          data-testid={timeTestId}
          showTime={INTERVIEW_TIME_PICKER}
          format="YYYY-MM-DD HH:mm"
        />
      </Form.Item>
      <Form.Item name="placeKind" label={t('record.info.placeKind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'room', label: t('record.room') },
            { value: 'online', label: t('record.online') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="place"
        label={t('record.info.place')}
        rules={[{ required: true, whitespace: true, message: t('recordForm.required') }]}
      >
        <Input
          data-testid={placeTestId}
          maxLength={RECORD_LIMITS.place}
          placeholder={
            placeKind === 'online' ? t('record.onlinePlaceholder') : t('record.roomPlaceholder')
          }
        />
      </Form.Item>
    </>
  );
}

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const PAST_SAVE_TEST_ID = { 'data-testid': 'past-time-save' };
