import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordState } from '../../../core/records/lifecycle.js';

const COLORS: Record<RecordState, string> = {
  draft: 'default',
  submitted: 'processing',
  employeeSigned: 'cyan',
  signed: 'success',
  refused: 'error',
  archived: 'purple',
};

interface Props {
  state: RecordState;
  /** the employee sent it back with comments: the interviewer's turn again */
  sentBack?: boolean;
  testId?: string;
}

export function RecordStateTag({ state, sentBack = false, testId }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={COLORS[state]} data-testid={testId} data-state={state}>
        {t(`recordStates.${state}`)}
      </Tag>
      {sentBack && (
        <Tag color="warning" data-testid="record-sent-back">
          {t('recordStates.sentBack')}
        </Tag>
      )}
    </>
  );
}
