import { BellOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Popover, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { inboxKey, markAllRead, markRead, useInbox, type Notice } from '../api/inbox.js';
import { EmptyState } from './EmptyState.js';
import { formatDateTimeShort } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import { recordPath } from '../paths.js';

/**
 * The in-app inbox: a bell with the unread count; its list opens on click. Opening a notice marks
 * it read and goes to its record, to the to-do page for a planned interview, or to the audit log
 * for an integrity alert.
 */
export function InboxBell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const inbox = useInbox();
  const [open, setOpen] = useState(false);
  const unread = inbox.data?.unread ?? 0;

  async function openNotice(notice: Notice) {
    setOpen(false);
    try {
      if (!notice.readAt) await markRead(notice.id);
    } catch (error) {
      void message.error((error as Error).message);
    }
    void queryClient.invalidateQueries({ queryKey: inboxKey });
    // an integrity alert is told in full by the audit log; a notice about a record out of reach
    // now stays a notice: nothing to open
    if (notice.kind === 'integrity_failed') void navigate('/audit');
    else if (notice.available) void navigate(notice.recordId ? recordPath(notice.recordId) : '/');
  }

  async function readAll() {
    try {
      await markAllRead();
    } catch (error) {
      void message.error((error as Error).message);
    }
    await queryClient.invalidateQueries({ queryKey: inboxKey });
  }

  const content = inbox.isPending ? (
    <Spin />
  ) : inbox.isError ? (
    <div className="text-error">{inbox.error.message}</div>
  ) : inbox.data.items.length === 0 ? (
    <EmptyState text={t('inbox.empty')} />
  ) : (
    <ul className="inbox-list" data-testid="inbox-list">
      {inbox.data.items.map((notice) => (
        <li key={notice.id}>
          <NoticeRow notice={notice} onOpen={() => void openNotice(notice)} />
        </li>
      ))}
    </ul>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void inbox.refetch();
      }}
      classNames={{ root: 'inbox-popover' }}
      title={
        <div className="inbox-head">
          <span>
            {t('inbox.title')}
            {unread > 0 && (
              <span className="muted inbox-unread"> · {t('inbox.unread', { count: unread })}</span>
            )}
          </span>
          {unread > 0 && (
            <Button
              type="link"
              size="small"
              data-testid="inbox-read-all"
              onClick={() => void readAll()}
            >
              {t('inbox.markAll')}
            </Button>
          )}
        </div>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={t('inbox.title')}
        data-testid="inbox-bell"
        icon={
          <Badge count={unread} size="small" data-testid="inbox-count">
            <BellOutlined className="inbox-icon" />
          </Badge>
        }
      />
    </Popover>
  );
}

function NoticeRow({ notice, onOpen }: { notice: Notice; onOpen: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const actor = notice.actorName ?? t('inbox.someone');
  return (
    <button
      type="button"
      className={`inbox-item${notice.readAt ? '' : ' inbox-item-unread'}`}
      data-testid="inbox-item"
      data-kind={notice.kind}
      data-read={notice.readAt ? 'true' : 'false'}
      onClick={onOpen}
    >
      <span className="inbox-item-text">{t(`inbox.kinds.${notice.kind}`, { actor })}</span>
      {notice.topic && (
        <span className="inbox-item-topic">
          {notice.topic}
          {notice.scheduledAt && ` · ${formatDateTimeShort(notice.scheduledAt, language)}`}
        </span>
      )}
      {notice.cancelReason && (
        <span className="inbox-item-reason" data-testid="inbox-item-reason">
          {t('inbox.cancelReason', { reason: notice.cancelReason })}
        </span>
      )}
      {!notice.available && (
        <span className="muted" data-testid="inbox-item-unavailable">
          {t('inbox.unavailable')}
        </span>
      )}
      <span className="muted inbox-item-time">
        {formatDateTimeShort(notice.createdAt, language)}
      </span>
    </button>
  );
}
