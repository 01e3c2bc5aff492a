import { DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RECORD_LIMITS } from '../../../core/records/api.js';

/** The next full hour: a sensible default for an interview being arranged now. */
export function nextHour(): Dayjs {
  return dayjs().add(1, 'hour').startOf('hour');
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
          showTime={{ format: 'HH:mm' }}
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
