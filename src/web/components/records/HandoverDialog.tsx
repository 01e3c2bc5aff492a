import { Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionDialogProps } from '../../records/actions.js';
import { EmployeePicker } from '../EmployeePicker.js';

/** HR hands an unsent record over to the manager who now holds the employee. */
export function HandoverDialog({ open, busy, onSend, onCancel }: ActionDialogProps) {
  const { t } = useTranslation();
  const [interviewerId, setInterviewerId] = useState<string | undefined>();
  return (
    <Modal
      open={open}
      title={t('record.handover.title')}
      okText={t('record.handover.send')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !interviewerId, loading: busy }}
      onOk={() => interviewerId && onSend(interviewerId)}
      onCancel={onCancel}
      afterClose={() => setInterviewerId(undefined)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('record.handover.hint')}</Typography.Paragraph>
      <EmployeePicker
        data-testid="handover-interviewer"
        className="full-width"
        value={interviewerId}
        onChange={setInterviewerId}
        placeholder={t('record.handover.placeholder')}
      />
    </Modal>
  );
}
