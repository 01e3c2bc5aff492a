import { Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_LIMITS } from '../../../core/records/api.js';
import type { ActionDialogProps } from '../../records/actions.js';

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const SEND_TEST_ID = { 'data-testid': 'record-return-send' };

/** The employee sends the record back: what the interviewer should change. */
export function ReturnDialog({ open, busy, onSend, onCancel }: ActionDialogProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  return (
    <Modal
      open={open}
      title={t('record.returnTitle')}
      okText={t('record.returnSend')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        danger: true,
        disabled: !comment.trim(),
        loading: busy,
        ...SEND_TEST_ID,
      }}
      onOk={() => onSend(comment.trim())}
      onCancel={onCancel}
      afterClose={() => setComment('')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('record.returnHint')}</Typography.Paragraph>
      <Input.TextArea
        data-testid="return-comment"
        aria-label={t('record.returnTitle')}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        rows={4}
        className="auto-grow"
        maxLength={RECORD_LIMITS.returnComment}
        showCount
      />
    </Modal>
  );
}
