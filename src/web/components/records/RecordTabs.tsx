import { Tabs, type TabsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../core/records/api.js';
import { useSession } from '../../session.js';
import { CommentsPanel } from './CommentsPanel.js';
import { HistoryList } from './HistoryList.js';
import { ViewersPanel } from './ViewersPanel.js';

interface Props {
  view: RecordView;
  content: ReactNode;
  nameOf: (employeeId: string) => string;
}

/** The record's content and, as its abilities allow, its discussion, history and readers. */
export function RecordTabs({ view, content, nameOf }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { abilities } = view;
  const items: NonNullable<TabsProps['items']> = [
    { key: 'content', label: t('record.tabs.content'), children: content },
  ];
  if (abilities.comment.length > 0) {
    items.push({
      key: 'comments',
      label: <span data-testid="comments-tab">{t('comments.title')}</span>,
      children: (
        <CommentsPanel
          recordId={view.id}
          audiences={abilities.comment}
          collaborators={abilities.collaborators}
        />
      ),
    });
  }
  if (abilities.history) {
    items.push({
      key: 'history',
      label: <span data-testid="history-tab">{t('record.tabs.history')}</span>,
      children: <HistoryList view={view} nameOf={nameOf} />,
    });
  }
  if (abilities.viewers) {
    // Only the words differ: the record is about the reader, or about someone else.
    const aboutMe = user.employeeId === view.employee.id;
    items.push({
      key: 'viewers',
      label: (
        <span data-testid="viewers-tab">
          {aboutMe ? t('viewers.title') : t('viewers.titleOthers')}
        </span>
      ),
      children: <ViewersPanel recordId={view.id} />,
    });
  }
  return <Tabs className="record-tabs" items={items} />;
}
