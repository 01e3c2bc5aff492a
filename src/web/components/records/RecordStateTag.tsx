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

export function RecordStateTag({ state, testId }: { state: RecordState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[state]} data-testid={testId} data-state={state}>
      {t(`recordStates.${state}`)}
    </Tag>
  );
}
