import { Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../core/records/attachments.js';
import { fetchAttachment } from '../../api/attachments.js';
import { ErrorResult } from '../ErrorResult.js';

interface Props {
  recordId: string;
  attachment: AttachmentView;
  onClose: () => void;
}

/**
 * An image or PDF shown in the page: fetched once (a download the server audits), held as a
 * blob URL of the type the server named, and released when the dialog closes.
 */
export function AttachmentPreview({ recordId, attachment, onClose }: Props) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    fetchAttachment(recordId, attachment.id).then(
      (blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(new Blob([blob], { type: attachment.mediaType }));
        setUrl(objectUrl);
      },
      (failure: Error) => {
        if (!cancelled) setError(failure);
      },
    );
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [recordId, attachment.id, attachment.mediaType, attempt]);

  const isPdf = attachment.mediaType === 'application/pdf';
  return (
    <Modal
      open
      title={<span className="attachment-preview-title">{attachment.fileName}</span>}
      footer={null}
      onCancel={onClose}
      width="min(920px, calc(100vw - 16px))"
      className="attachment-preview"
      destroyOnHidden
    >
      <div className="attachment-preview-body" data-testid="attachment-preview-body">
        {error ? (
          <ErrorResult
            error={error}
            onRetry={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          />
        ) : !url ? (
          <Spin />
        ) : isPdf ? (
          <iframe
            src={url}
            title={attachment.fileName}
            className="attachment-preview-pdf"
            data-testid="attachment-preview-pdf"
          />
        ) : (
          <img
            src={url}
            alt={t('attachments.previewOf', { name: attachment.fileName })}
            className="attachment-preview-image"
            data-testid="attachment-preview-image"
          />
        )}
      </div>
    </Modal>
  );
}
