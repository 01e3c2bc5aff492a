import { Form, Input, Modal, Radio, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHOICES_OF,
  NEEDS_REASON,
  SIGNATURE_LIMITS,
  type SigningChoice,
} from '../../../core/signatures/api.js';
import type { ActionDialogProps } from '../../records/actions.js';
import { SignaturePadField } from './SignaturePadField.js';

// Button props have no data-* keys in their type, though the DOM takes them; spread past the check.
const SEND_TEST_ID = { 'data-testid': 'sign-send' };

/**
 * Signing in one step: the decision (the employee's three; the interviewer countersigns), the
 * reason a dissent or refusal needs, the handwritten signature and the password that proves it
 * is the signer. Usable at 375 px: the pad takes the dialog's width.
 */
export function SignDialog({ open, busy, onSend, onCancel, editor }: ActionDialogProps) {
  const { t } = useTranslation();
  const role = editor.base.abilities.countersign ? 'interviewer' : 'employee';
  const [choice, setChoice] = useState<SigningChoice>('agree');
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [handwriting, setHandwriting] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const onDrawn = useCallback((dataUrl: string | null) => setHandwriting(dataUrl), []);
  const needsReason = NEEDS_REASON.includes(choice);
  const problems = {
    reason: needsReason && !reason.trim() ? t('signing.reasonEmpty') : null,
    handwriting: handwriting ? null : t('signing.padEmpty'),
    password: password ? null : t('signing.passwordEmpty'),
  };

  const send = () => {
    setChecked(true);
    if (Object.values(problems).some(Boolean) || !handwriting) return;
    onSend({
      choice,
      ...(needsReason ? { reason: reason.trim() } : {}),
      handwriting,
      password,
    });
  };
  const shown = (problem: string | null) => (checked ? problem : null);

  return (
    <Modal
      open={open}
      title={t(`signing.title.${role}`)}
      okText={t('signing.send')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, danger: choice === 'refuse', ...SEND_TEST_ID }}
      onOk={send}
      onCancel={onCancel}
      afterClose={() => {
        setChoice('agree');
        setReason('');
        setPassword('');
        setHandwriting(null);
        setChecked(false);
      }}
      destroyOnHidden
      className="sign-dialog"
    >
      <Typography.Paragraph type="secondary">{t(`signing.intro.${role}`)}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        {role === 'employee' && (
          <Form.Item label={t('signing.choiceLabel')}>
            <Radio.Group
              value={choice}
              onChange={(event) => setChoice(event.target.value as SigningChoice)}
              className="sign-choices"
            >
              {CHOICES_OF.employee.map((c) => (
                <Radio key={c} value={c} data-testid={`sign-choice-${c}`}>
                  {t(`signing.choices.${c}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        )}
        {needsReason && (
          <Form.Item
            label={t('signing.reason')}
            required
            validateStatus={shown(problems.reason) ? 'error' : undefined}
            help={shown(problems.reason)}
          >
            <Input.TextArea
              data-testid="sign-reason"
              value={reason}
              placeholder={t('signing.reasonPlaceholder')}
              onChange={(event) => setReason(event.target.value)}
              rows={3}
              maxLength={SIGNATURE_LIMITS.reason}
              showCount
            />
          </Form.Item>
        )}
        <Form.Item label={t('signing.draw')} required>
          <SignaturePadField onChange={onDrawn} error={shown(problems.handwriting)} />
        </Form.Item>
        <Form.Item
          label={t('signing.password')}
          required
          extra={t('signing.passwordHint')}
          validateStatus={shown(problems.password) ? 'error' : undefined}
          help={shown(problems.password)}
        >
          <Input.Password
            data-testid="sign-password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            onPressEnter={send}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
