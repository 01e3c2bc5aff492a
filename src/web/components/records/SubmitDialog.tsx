import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { visibleDefinition } from '../../../core/templates/content.js';
import { allFields } from '../../../core/templates/model.js';
import { formatDateTimeShort } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import type { ActionDialogProps } from '../../records/actions.js';
import { normalizeContent } from '../../records/content.js';
import { RecordSections } from './RecordSections.js';
import { InfoList } from '../InfoList.js';

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const SEND_TEST_ID = { 'data-testid': 'record-submit-send' };

/**
 * The one question before a record goes to its employee, with the record as the employee will
 * read it: the draft as it will be saved, without the manager-only fields.
 */
export function SubmitDialog({ open, busy, onSend, onCancel, label, editor }: ActionDialogProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { base, def, draft } = editor;
  const shown = visibleDefinition(def, 'restricted');
  const hidden = allFields(def).length - allFields(shown).length;
  const content = normalizeContent(def, draft.content, 'interviewer');
  const { info } = draft;
  return (
    <Modal
      open={open}
      title={t('record.submitConfirm.title')}
      okText={label}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, ...SEND_TEST_ID }}
      onOk={() => onSend('')}
      onCancel={onCancel}
      width={760}
      destroyOnHidden
    >
      <div data-testid="submit-preview">
        {!base.employee.hasAccount && (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            data-testid="submit-no-account"
            title={t('record.submitConfirm.noAccount', { name: base.employee.name })}
            description={t('record.submitConfirm.noAccountHelp')}
          />
        )}
        <Typography.Paragraph>
          {t('record.submitConfirm.intro', { name: base.employee.name })}
        </Typography.Paragraph>
        {hidden > 0 && (
          <Typography.Paragraph type="secondary" data-testid="submit-hidden">
            {t('record.submitConfirm.managerOnly', { count: hidden })}
          </Typography.Paragraph>
        )}
        <Typography.Title level={5}>{t('record.submitConfirm.preview')}</Typography.Title>
        <InfoList
          size="small"
          column={1}
          items={[
            { key: 'topic', label: t('record.info.topic'), children: info.topic },
            {
              key: 'interviewAt',
              label: t('record.info.interviewAt'),
              children: formatDateTimeShort(info.interviewAt, language),
            },
            {
              key: 'place',
              label: t('record.info.place'),
              children: `${info.placeKind === 'online' ? t('record.online') : t('record.room')} · ${info.place}`,
            },
          ]}
        />
        <RecordSections
          definition={shown}
          valueOf={(field) =>
            field.filledBy === 'employee' ? base.employeeContent[field.key] : content[field.key]
          }
          editable={() => false}
          onChange={() => undefined}
          errors={{}}
          anchors={false}
        />
      </div>
    </Modal>
  );
}
