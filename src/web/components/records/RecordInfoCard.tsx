import { Card, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTimeShort, localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { profilePath, templatePath } from '../../paths.js';
import type { RecordEditor } from '../../records/useRecordEditor.js';
import { RecordInfoForm } from './RecordInfoForm.js';
import { DepartmentPath } from '../DepartmentPath.js';
import { InfoList } from '../InfoList.js';

/**
 * Who, with which template, and (when it is not being edited here) what about, when and where.
 * In a draft the interviewer edits topic, time, place and participants in place.
 */
export function RecordInfoCard({ editor }: { editor: RecordEditor }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { base, mode } = editor;
  const items: DescriptionsProps['items'] = [
    {
      key: 'employee',
      label: t('record.info.employee'),
      children: (
        <span>
          <Link to={profilePath(base.employee.id)}>{base.employee.name}</Link>{' '}
          <span className="muted">({base.employee.employeeNo})</span>
        </span>
      ),
    },
    {
      key: 'department',
      label: t('record.info.department'),
      children: (
        <span className="department-and-position">
          <DepartmentPath path={base.employee.departmentPath} />
          {base.employee.positionName && <span> · {base.employee.positionName}</span>}
        </span>
      ),
    },
    { key: 'interviewer', label: t('record.info.interviewer'), children: base.interviewer.name },
    {
      key: 'template',
      label: t('record.info.template'),
      children: (
        <Link to={templatePath(base.template.id, base.template.version)}>
          {localized(base.template.name, language)} · v{base.template.version}
        </Link>
      ),
    },
  ];
  if (mode !== 'edit') {
    items.push(
      { key: 'topic', label: t('record.info.topic'), children: base.topic },
      {
        key: 'interviewAt',
        label: t('record.info.interviewAt'),
        children: formatDateTimeShort(base.interviewAt, language),
      },
      {
        key: 'place',
        label: t('record.info.place'),
        children: `${base.placeKind === 'online' ? t('record.online') : t('record.room')} · ${base.place}`,
      },
      {
        key: 'participants',
        label: t('record.info.participantIds'),
        children:
          base.participants.length > 0
            ? base.participants.map((p) => p.name).join(language === 'en-US' ? ', ' : '、')
            : t('common.none'),
      },
    );
  }
  if (base.submittedAt) {
    items.push({
      key: 'submittedAt',
      label: t('record.info.submittedAt'),
      children: formatDateTimeShort(base.submittedAt, language),
    });
  }
  return (
    <Card className="section" title={t('record.basicInfo')}>
      <InfoList items={items} column={{ xs: 1, sm: 1, md: 2 }} />
      {mode === 'edit' && (
        <RecordInfoForm
          info={editor.draft.info}
          onChange={editor.setInfo}
          participants={base.participants}
          onLabels={editor.addLabels}
          errors={editor.infoErrors}
        />
      )}
    </Card>
  );
}
