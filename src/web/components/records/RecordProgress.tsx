import { Grid, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../core/records/api.js';
import { LIFECYCLE_STEPS, progressOf } from '../../../core/records/lifecycle.js';

/** Which words say whose turn a draft is: first writing, or revising what went out. */
function draftTurn(view: RecordView): 'draft' | 'sentBack' | 'withdrawn' {
  if (view.returnComment) return 'sentBack';
  return view.submittedAt ? 'withdrawn' : 'draft';
}

/** The record's life as steps, the one under way marked, and who acts next by name. */
export function RecordProgress({ view }: { view: RecordView }) {
  const { t } = useTranslation();
  const { step, status, turn } = progressOf(view.state);
  // on a phone the steps stay one row of dots, titles under them, instead of a tall column
  const narrow = Grid.useBreakpoint().sm !== true;
  const words = view.state === 'draft' ? draftTurn(view) : view.state;
  return (
    <section className="record-progress" data-testid="record-progress" data-step={step}>
      <div className="record-turn" data-testid="record-turn" data-turn={turn ?? 'none'}>
        {t(`record.lifecycle.turn.${words}`, {
          interviewer: view.interviewer.name,
          employee: view.employee.name,
        })}
      </div>
      <Steps
        size="small"
        type={narrow ? 'dot' : 'default'}
        orientation="horizontal"
        titlePlacement={narrow ? 'vertical' : 'horizontal'}
        responsive={false}
        current={LIFECYCLE_STEPS.indexOf(step)}
        status={status}
        items={LIFECYCLE_STEPS.map((s) => ({ title: t(`record.lifecycle.steps.${s}`) }))}
      />
    </section>
  );
}
