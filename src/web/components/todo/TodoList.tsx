import { CalendarOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Spin, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  startScheduledInterview,
  todoKey,
  useTodo,
  type ScheduledItem,
} from '../../api/schedule.js';
import type { RecordSummary } from '../../../core/records/api.js';
import { recordKey, recordsKey } from '../../api/records.js';
import { formatDateTimeShort, localized } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { recordPath, recordsPath } from '../../paths.js';
import { RecordTopicLink } from '../records/RecordTopicLink.js';
import { TODO_LIST_LIMIT } from '../../../core/schedule/api.js';
import { useSession } from '../../session.js';
import { DepartmentPath } from '../DepartmentPath.js';
import { ErrorResult } from '../ErrorResult.js';
import { CancelScheduleDialog } from '../schedule/CancelScheduleDialog.js';
import { RescheduleDialog } from '../schedule/RescheduleDialog.js';
import { ScheduleInterviewModal } from '../schedule/ScheduleInterviewModal.js';
import { RecordStateTag } from '../records/RecordStateTag.js';

export type TodoSection =
  'overdue' | 'today' | 'planned' | 'drafts' | 'awaiting' | 'countersign' | 'upcoming' | 'respond';

/**
 * The 待办 list of the signed-in person: as an interviewer, planned interviews by due date, drafts
 * records waiting for the employee and for its countersignature; as an employee, interviews planned with it and records
 * waiting for its feedback.
 */
export function TodoList() {
  const { t } = useTranslation();
  const { abilities, user } = useSession();
  const todo = useTodo(user.employeeId !== null);
  const [planning, setPlanning] = useState(false);
  // Managers and HR plan and hold interviews; everyone else only takes part in them.
  const staff = abilities.interview;

  let body: ReactNode;
  if (todo.isPending) body = <Spin className="page-spin" />;
  else if (todo.isError) {
    body = <ErrorResult error={todo.error} onRetry={() => void todo.refetch()} />;
  } else {
    const d = todo.data;
    const plans = (section: TodoSection, items: ScheduledItem[], danger = false) => (
      <TodoCard key={section} section={section} count={items.length} danger={danger}>
        {items.map((plan) => (
          <ScheduledRow key={plan.id} plan={plan} section={section} />
        ))}
      </TodoCard>
    );
    // A section at the limit may hold more: the full list is one click away.
    const records = (section: TodoSection, items: RecordSummary[], all: Record<string, string>) => (
      <TodoCard key={section} section={section} count={items.length}>
        {items.map((record) => (
          <RecordRow key={record.id} record={record} section={section} />
        ))}
        {items.length >= TODO_LIST_LIMIT && (
          <Link to={recordsPath(all)} className="todo-more" data-testid="todo-more">
            {t('todo.more', { count: TODO_LIST_LIMIT })}
          </Link>
        )}
      </TodoCard>
    );
    const me = user.employeeId ?? '';
    const cards: ReactNode[] = [];
    if (staff) {
      if (d.overdue.length > 0) cards.push(plans('overdue', d.overdue, true));
      cards.push(
        plans('today', d.dueToday),
        plans('planned', d.planned),
        records('drafts', d.drafts, { interviewerId: me, state: 'draft' }),
        records('awaiting', d.awaitingEmployee, { interviewerId: me, state: 'submitted' }),
      );
      if (d.toCountersign.length > 0)
        cards.push(
          records('countersign', d.toCountersign, { interviewerId: me, state: 'employeeSigned' }),
        );
    }
    // Everyone linked to an employee is interviewed too; for staff these show only when due.
    if (!staff || d.toRespond.length > 0)
      cards.push(records('respond', d.toRespond, { employeeId: me, state: 'submitted' }));
    if (!staff || d.upcoming.length > 0) cards.push(plans('upcoming', d.upcoming));
    body = <div className="todo-sections">{cards}</div>;
  }

  return (
    <section className="todo" data-testid="todo">
      <div className="page-heading">
        <Typography.Title level={4}>{t('todo.title')}</Typography.Title>
        {staff && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="schedule-new"
            onClick={() => setPlanning(true)}
          >
            {t('schedule.new')}
          </Button>
        )}
      </div>
      {body}
      {staff && <ScheduleInterviewModal open={planning} onClose={() => setPlanning(false)} />}
    </section>
  );
}

const TITLES = {
  overdue: 'todo.overdue',
  today: 'todo.today',
  planned: 'todo.planned',
  drafts: 'todo.drafts',
  awaiting: 'todo.awaiting',
  countersign: 'todo.countersign',
  upcoming: 'todo.upcoming',
  respond: 'todo.respond',
} as const;

function TodoCard({
  section,
  count,
  danger = false,
  children,
}: {
  section: TodoSection;
  count: number;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      className={`todo-card${danger ? ' todo-card-danger' : ''}`}
      data-testid={`todo-${section}`}
      title={
        <span className="todo-card-title">
          {t(TITLES[section])}
          <Tag color={danger ? 'error' : count > 0 ? 'processing' : 'default'}>{count}</Tag>
        </span>
      }
    >
      {count === 0 ? <div className="muted">{t('todo.empty')}</div> : children}
    </Card>
  );
}

function ScheduledRow({ plan, section }: { plan: ScheduledItem; section: TodoSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'reschedule' | 'cancel' | null>(null);
  // which party the reader is decides the wording; what it may do comes from the server
  const mine = plan.interviewer.id === user.employeeId;

  async function start() {
    setBusy(true);
    try {
      const view = await startScheduledInterview(plan.id);
      queryClient.setQueryData(recordKey(view.id), view);
      void queryClient.invalidateQueries({ queryKey: todoKey });
      void queryClient.invalidateQueries({ queryKey: recordsKey });
      void navigate(recordPath(view.id));
    } catch (error) {
      void message.error((error as Error).message);
      void queryClient.invalidateQueries({ queryKey: todoKey });
      setBusy(false);
    }
  }

  function done(notice: string) {
    setDialog(null);
    void message.success(notice);
    void queryClient.invalidateQueries({ queryKey: todoKey });
  }

  return (
    <div className="todo-item" data-testid="todo-item" data-section={section}>
      <div className="todo-item-main">
        <div className="todo-item-title">{plan.topic}</div>
        <div className="todo-item-meta">
          <span>
            {mine ? (
              <>
                {t('todo.employee', {
                  name: `${plan.employee.name} (${plan.employee.employeeNo})`,
                })}{' '}
                · <DepartmentPath path={plan.employee.departmentPath} />
              </>
            ) : (
              t('todo.interviewer', { name: plan.interviewer.name })
            )}
          </span>
          <span>
            <CalendarOutlined /> {formatDateTimeShort(plan.scheduledAt, language)}
            {plan.rescheduledAt && (
              <Tag className="todo-item-tag" data-testid="schedule-rescheduled">
                {t('todo.rescheduled')}
              </Tag>
            )}
          </span>
          <span>
            <EnvironmentOutlined />{' '}
            {`${plan.placeKind === 'online' ? t('record.online') : t('record.room')} · ${plan.place}`}
          </span>
          <span>{localized(plan.template.name, language)}</span>
        </div>
      </div>
      <div className="todo-item-actions">
        {plan.abilities.cancel && (
          <Button data-testid="schedule-cancel" disabled={busy} onClick={() => setDialog('cancel')}>
            {t('todo.cancel')}
          </Button>
        )}
        {plan.abilities.reschedule && (
          <Button
            data-testid="schedule-reschedule"
            disabled={busy}
            onClick={() => setDialog('reschedule')}
          >
            {t('todo.reschedule')}
          </Button>
        )}
        {plan.abilities.start && (
          <Button
            type="primary"
            data-testid="schedule-start"
            loading={busy}
            onClick={() => void start()}
          >
            {t('todo.start')}
          </Button>
        )}
      </div>
      {dialog === 'reschedule' && (
        <RescheduleDialog
          plan={plan}
          onClose={() => setDialog(null)}
          onDone={() => done(t('todo.rescheduledNotice'))}
        />
      )}
      {dialog === 'cancel' && (
        <CancelScheduleDialog
          plan={plan}
          onClose={() => setDialog(null)}
          onDone={() => done(t('todo.cancelled'))}
        />
      )}
    </div>
  );
}

function RecordRow({ record, section }: { record: RecordSummary; section: TodoSection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useSession();
  const asEmployee = record.employee.id === user.employeeId;
  return (
    <div className="todo-item" data-testid="todo-item" data-section={section}>
      <div className="todo-item-main">
        <div className="todo-item-title">
          <RecordTopicLink record={record} />{' '}
          <RecordStateTag state={record.state} sentBack={record.sentBack} />
        </div>
        <div className="todo-item-meta">
          <span>
            {asEmployee ? (
              t('todo.interviewer', { name: record.interviewer.name })
            ) : (
              <>
                {t('todo.employee', {
                  name: `${record.employee.name} (${record.employee.employeeNo})`,
                })}{' '}
                · <DepartmentPath path={record.employee.departmentPath} />
              </>
            )}
          </span>
          <span>
            <CalendarOutlined /> {formatDateTimeShort(record.interviewAt, language)}
          </span>
          <span>{localized(record.templateName, language)}</span>
        </div>
      </div>
    </div>
  );
}
