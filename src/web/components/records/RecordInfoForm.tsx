import { Col, DatePicker, Input, Radio, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { RECORD_LIMITS } from '../../../core/records/api.js';
import { dayjsFromInstant, INTERVIEW_TIME_PICKER, instantFromDayjs } from '../../dates.js';
import type { RecordInfo } from '../../records/content.js';
import { EmployeeMultiPicker } from '../EmployeePicker.js';

interface Props {
  info: RecordInfo;
  onChange: (patch: Partial<RecordInfo>) => void;
  participants: { id: string; name: string }[];
  onLabels: (labels: Record<string, string>) => void;
  errors: Partial<Record<keyof RecordInfo, string>>;
}

/** The basic information of a draft, edited in place beside its content. */
export function RecordInfoForm({ info, onChange, participants, onLabels, errors }: Props) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} className="record-info-form" id="record-info">
      <Col xs={24} md={12}>
        <div className="stacked-label">
          <span>
            <span className="required-mark">*</span>
            {t('record.info.topic')}
          </span>
          <Input
            data-testid="record-topic"
            aria-label={t('record.info.topic')}
            value={info.topic}
            maxLength={RECORD_LIMITS.topic}
            status={errors.topic ? 'error' : undefined}
            onChange={(event) => onChange({ topic: event.target.value })}
          />
          {errors.topic && <span className="field-error">{errors.topic}</span>}
        </div>
      </Col>
      <Col xs={24} md={12}>
        <div className="stacked-label">
          <span>
            <span className="required-mark">*</span>
            {t('record.info.interviewAt')}
          </span>
          <DatePicker
            className="full-width"
            data-testid="record-interview-at"
            showTime={INTERVIEW_TIME_PICKER}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            value={dayjsFromInstant(info.interviewAt)}
            onChange={(next) => {
              const iso = instantFromDayjs(next);
              if (iso) onChange({ interviewAt: iso });
            }}
          />
        </div>
      </Col>
      <Col xs={24} md={12}>
        <div className="stacked-label">
          <span>
            <span className="required-mark">*</span>
            {t('record.info.place')}
          </span>
          <div className="place-input">
            <Radio.Group
              optionType="button"
              value={info.placeKind}
              onChange={(event) => onChange({ placeKind: event.target.value as 'room' | 'online' })}
              options={[
                { value: 'room', label: t('record.room') },
                { value: 'online', label: t('record.online') },
              ]}
            />
            <Input
              data-testid="record-place"
              aria-label={t('record.info.place')}
              value={info.place}
              maxLength={RECORD_LIMITS.place}
              placeholder={
                info.placeKind === 'online'
                  ? t('record.onlinePlaceholder')
                  : t('record.roomPlaceholder')
              }
              status={errors.place ? 'error' : undefined}
              onChange={(event) => onChange({ place: event.target.value })}
            />
          </div>
          {errors.place && <span className="field-error">{errors.place}</span>}
        </div>
      </Col>
      <Col xs={24} md={12}>
        <div className="stacked-label">
          <span>{t('record.info.participantIds')}</span>
          <EmployeeMultiPicker
            data-testid="record-participants"
            team
            value={info.participantIds}
            known={participants}
            onLabels={onLabels}
            placeholder={t('record.participantsPlaceholder')}
            onChange={(participantIds) => onChange({ participantIds: [...participantIds].sort() })}
          />
        </div>
      </Col>
    </Row>
  );
}
