import { Typography } from 'antd';
import type { RecordView } from '../../../core/records/api.js';
import { RecordPdfButton } from './RecordPdfDialog.js';
import { RecordProgress } from './RecordProgress.js';
import { RecordStateTag } from './RecordStateTag.js';

/** The record's topic and state, its PDF, and where it stands in its life. */
export function RecordHeader({ view }: { view: RecordView }) {
  return (
    <div className="record-heading">
      <div className="record-title">
        <Typography.Title level={3} data-testid="record-title">
          {view.topic}
        </Typography.Title>
        <RecordStateTag state={view.state} testId="record-state" />
        <RecordPdfButton view={view} />
      </div>
      <RecordProgress view={view} />
    </div>
  );
}
