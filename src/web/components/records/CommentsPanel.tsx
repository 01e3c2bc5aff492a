import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Radio, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addComment, commentsKey, useCollaborators, useComments } from '../../api/collaboration.js';
import type { CommentAudience } from '../../../core/access/record.js';
import { COMMENT_LIMITS } from '../../../core/records/api.js';
import { formatDateTimeShort } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { ErrorResult } from '../ErrorResult.js';
import { MentionText } from '../MentionText.js';
import { useUnsavedInput } from '../../hooks/useUnsavedInput.js';
import { MentionTextArea } from '../MentionTextArea.js';

/**
 * The discussion beside a record. Each comment has an audience, offered by the server as the
 * record's `abilities.comment`; the writer sees who will read it before posting.
 */
export function CommentsPanel({
  recordId,
  audiences,
  collaborators,
}: {
  recordId: string;
  audiences: CommentAudience[];
  /** whether the reader may see who collaborates on the record */
  collaborators: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const comments = useComments(recordId);
  const [body, setBody] = useState('');
  useUnsavedInput(body.trim() !== '');
  const [sending, setSending] = useState(false);
  const [chosen, setChosen] = useState<CommentAudience | null>(null);
  // the server's first audience is its default; a choice no longer offered falls back to it
  const audience = chosen && audiences.includes(chosen) ? chosen : audiences[0];

  async function send() {
    const text = body.trim();
    if (!text || !audience) return;
    setSending(true);
    try {
      queryClient.setQueryData(commentsKey(recordId), await addComment(recordId, text, audience));
      setBody('');
      void message.success(t('comments.sent'));
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="comments-panel" data-testid="comments-panel">
      {collaborators && <CollaboratorsList recordId={recordId} />}
      {comments.isPending ? (
        <Spin className="page-spin" />
      ) : comments.isError ? (
        <ErrorResult error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.items.length === 0 ? (
        <Empty description={t('comments.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ol className="comment-list">
          {comments.data.items.map((comment) => (
            <li key={comment.id} className="comment-item" data-testid="comment-item">
              <div className="comment-meta">
                <strong>{comment.author.name}</strong>
                <span className="muted">{formatDateTimeShort(comment.createdAt, language)}</span>
                {comment.audience === 'internal' && (
                  <Tag data-testid="comment-internal">{t('comments.internalTag')}</Tag>
                )}
              </div>
              {comment.body === null ? (
                <Alert
                  type="error"
                  showIcon
                  data-testid="comment-integrity-failed"
                  title={t('integrity.comment')}
                />
              ) : (
                <div className="text-value">
                  <MentionText text={comment.body} />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {audience && (
        <div className="comment-form">
          {audiences.length > 1 && (
            <Radio.Group
              data-testid="comment-audience"
              value={audience}
              onChange={(e) => setChosen(e.target.value as CommentAudience)}
              options={audiences.map((a) => ({ value: a, label: t(`comments.audience.${a}`) }))}
            />
          )}
          <span className="muted" data-testid="comment-readers">
            {t(`comments.readers.${audience}`)}
          </span>
          <MentionTextArea
            data-testid="comment-input"
            aria-label={t('comments.title')}
            placeholder={t('comments.placeholder')}
            value={body}
            onChange={setBody}
            maxLength={COMMENT_LIMITS.body}
            rows={2}
          />
          <Button
            type="primary"
            data-testid="comment-send"
            disabled={!body.trim()}
            loading={sending}
            onClick={() => void send()}
          >
            {t('comments.send')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** The people @mentioned in the record, who may therefore read it and comment. */
function CollaboratorsList({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const collaborators = useCollaborators(recordId);
  if (collaborators.isError) return null;
  const items = collaborators.data?.items ?? [];
  return (
    <Alert
      className="collaborators"
      data-testid="collaborators"
      type="info"
      title={
        <div className="collaborators-head">
          <strong>{t('collaborators.title')}</strong>
          {collaborators.isPending ? (
            <Spin size="small" />
          ) : items.length === 0 ? (
            <span className="muted">{t('collaborators.empty')}</span>
          ) : (
            <span className="tag-list">
              {items.map((person) => (
                <Tag
                  key={person.id}
                  data-testid="collaborator"
                  title={t('collaborators.since', {
                    time: formatDateTimeShort(person.grantedAt, language),
                  })}
                >
                  {person.name}
                </Tag>
              ))}
            </span>
          )}
        </div>
      }
      description={<span className="muted">{t('collaborators.hint')}</span>}
    />
  );
}
