import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  LockOutlined,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Progress, Spin, Switch, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentAudience } from '../../../core/access/record.js';
import {
  extensionOf,
  type AttachmentList,
  type AttachmentView,
} from '../../../core/records/attachments.js';
import type { RecordState } from '../../../core/records/lifecycle.js';
import {
  attachmentsKey,
  attachmentUrl,
  deleteAttachment,
  uploadAttachment,
  useAttachments,
} from '../../api/attachments.js';
import { formatBytes, formatDateTimeShort } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';
import { ErrorResult } from '../ErrorResult.js';
import { AttachmentPreview } from './AttachmentPreview.js';

interface Props {
  recordId: string;
  state: RecordState;
  /** the audiences the reader may attach for now (the record's abilities); empty: none */
  attach: AttachmentAudience[];
}

/**
 * A record's attachments as the reader may see them: the list with size, type and who added
 * each, images and PDFs previewed in the page, and, as the abilities allow, upload (with its
 * progress, manager-only if the interviewer likes) and delete.
 */
export function AttachmentsPanel({ recordId, state, attach }: Props) {
  const { t } = useTranslation();
  const attachments = useAttachments(recordId, state);
  const [previewing, setPreviewing] = useState<AttachmentView | null>(null);
  return (
    <Card
      className="section attachments"
      data-testid="attachments"
      title={
        <span className="attachments-title">
          <PaperClipOutlined /> {t('attachments.title')}
        </span>
      }
    >
      {attachments.isPending ? (
        <Spin />
      ) : attachments.isError ? (
        <ErrorResult error={attachments.error} onRetry={() => void attachments.refetch()} />
      ) : (
        <>
          {attachments.data.items.length === 0 ? (
            <p className="muted" data-testid="attachments-empty">
              {t('attachments.empty')}
            </p>
          ) : (
            <ul className="attachment-list">
              {attachments.data.items.map((item) => (
                <AttachmentItem
                  key={item.id}
                  recordId={recordId}
                  item={item}
                  onPreview={() => setPreviewing(item)}
                />
              ))}
            </ul>
          )}
          {attach.length > 0 && (
            <Uploader recordId={recordId} audiences={attach} list={attachments.data} />
          )}
        </>
      )}
      {previewing && (
        <AttachmentPreview
          recordId={recordId}
          attachment={previewing}
          onClose={() => setPreviewing(null)}
        />
      )}
    </Card>
  );
}

function AttachmentItem(props: { recordId: string; item: AttachmentView; onPreview: () => void }) {
  const { recordId, item } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);

  async function remove() {
    setDeleting(true);
    try {
      await deleteAttachment(recordId, item.id);
      await queryClient.invalidateQueries({ queryKey: attachmentsKey(recordId) });
      void message.success(t('attachments.deleted'));
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setDeleting(false);
    }
  }

  return (
    <li className="attachment-item" data-testid="attachment-item">
      <div className="attachment-main">
        <span className="attachment-name" data-testid="attachment-name">
          {item.fileName}
        </span>
        <span className="attachment-meta muted">
          <Tag>{extensionOf(item.fileName).toUpperCase()}</Tag>
          {formatBytes(item.sizeBytes, language)}
          {' · '}
          {t(`attachments.parts.${item.part}`)}
          {' · '}
          {t('attachments.uploadedBy', {
            name: item.uploadedBy.name,
            time: formatDateTimeShort(item.createdAt, language),
          })}
          {item.audience === 'managers' && (
            <Tag color="gold" icon={<LockOutlined />} data-testid="attachment-managers-only">
              {t('attachments.managersOnly')}
            </Tag>
          )}
        </span>
      </div>
      <div className="attachment-actions">
        {item.previewable && (
          <Button
            size="small"
            icon={<EyeOutlined />}
            data-testid="attachment-preview"
            onClick={props.onPreview}
          >
            {t('attachments.preview')}
          </Button>
        )}
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={attachmentUrl(recordId, item.id)}
          download={item.fileName}
          data-testid="attachment-download"
        >
          {t('attachments.download')}
        </Button>
        {item.abilities.delete && (
          <Popconfirm
            title={t('attachments.deleteConfirm')}
            okText={t('attachments.delete')}
            okButtonProps={{ danger: true }}
            onConfirm={() => void remove()}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              loading={deleting}
              data-testid="attachment-delete"
            >
              {t('attachments.delete')}
            </Button>
          </Popconfirm>
        )}
      </div>
    </li>
  );
}

function Uploader(props: {
  recordId: string;
  audiences: AttachmentAudience[];
  list: AttachmentList;
}) {
  const { recordId, audiences, list } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [managersOnly, setManagersOnly] = useState(false);
  const [sending, setSending] = useState<{ name: string; share: number } | null>(null);
  const { maxBytes, perRecord, extensions } = list.limits;
  const full = list.items.length >= perRecord;

  async function send(file: File) {
    setSending({ name: file.name, share: 0 });
    try {
      const audience = managersOnly ? 'managers' : 'all';
      const added = await uploadAttachment(recordId, file, audience, (share) =>
        setSending({ name: file.name, share }),
      );
      await queryClient.invalidateQueries({ queryKey: attachmentsKey(recordId) });
      void message.success(t('attachments.uploaded', { name: added.fileName }));
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setSending(null);
    }
  }

  return (
    <div className="attachment-upload">
      <div className="attachment-upload-row">
        <Upload
          accept={extensions.map((e) => `.${e}`).join(',')}
          showUploadList={false}
          disabled={sending !== null || full}
          beforeUpload={(file) => {
            // the server refuses it too; saying so here spares sending 20 MB for nothing
            if (file.size > maxBytes) {
              void message.error(
                t('attachments.tooLarge', { size: formatBytes(maxBytes, language) }),
              );
            } else void send(file);
            return false;
          }}
        >
          <Button
            icon={<UploadOutlined />}
            disabled={sending !== null || full}
            data-testid="attachment-upload"
          >
            {t('attachments.upload')}
          </Button>
        </Upload>
        {audiences.includes('managers') && (
          <label className="attachment-audience">
            <Switch
              size="small"
              checked={managersOnly}
              onChange={setManagersOnly}
              data-testid="attachment-managers-toggle"
            />
            {t('attachments.managersOnlyToggle')}
          </label>
        )}
      </div>
      {sending && (
        <div className="attachment-progress" data-testid="attachment-progress">
          <span className="muted">{t('attachments.uploading', { name: sending.name })}</span>
          <Progress percent={Math.round(sending.share * 100)} size="small" />
        </div>
      )}
      <p className="muted attachment-limits">
        {full
          ? t('attachments.full', { count: perRecord })
          : t('attachments.limits', { size: formatBytes(maxBytes, language), count: perRecord })}
      </p>
    </div>
  );
}
