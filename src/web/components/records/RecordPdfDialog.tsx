import { DownloadOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Modal, Segmented, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordView } from '../../../core/records/api.js';
import { PDF_LANGUAGES, type PdfLanguage } from '../../../core/records/pdf.js';
import { fetchRecordPdf } from '../../api/pdf.js';

/** The record's PDF button, offered as the record's abilities allow (a submitted record). */
export function RecordPdfButton({ view }: { view: RecordView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!view.abilities.pdf) return null;
  return (
    <>
      <Button icon={<FilePdfOutlined />} onClick={() => setOpen(true)} data-testid="record-pdf">
        {t('recordPdf.open')}
      </Button>
      {open && (
        <RecordPdfDialog recordId={view.id} topic={view.topic} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

/**
 * The PDF previewed in the page (from a blob URL, so it never leaves the session's origin) and
 * downloaded as the same bytes. Chinese by default; each language asked for is a copy issued and
 * recorded by the server, so a copy is fetched once and not again on focus or retry.
 */
function RecordPdfDialog(props: { recordId: string; topic: string; onClose: () => void }) {
  const { recordId, topic, onClose } = props;
  const { t } = useTranslation();
  const [language, setLanguage] = useState<PdfLanguage>('zh-CN');
  const pdf = useQuery({
    queryKey: ['record-pdf', recordId, language],
    queryFn: () => fetchRecordPdf(recordId, language),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const url = useMemo(() => (pdf.data ? URL.createObjectURL(pdf.data) : null), [pdf.data]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return (
    <Modal
      open
      title={t('recordPdf.title')}
      width="min(960px, calc(100vw - 16px))"
      className="pdf-dialog"
      onCancel={onClose}
      footer={
        <div className="pdf-dialog-footer">
          <Segmented<PdfLanguage>
            value={language}
            onChange={setLanguage}
            options={PDF_LANGUAGES.map((l) => ({ value: l, label: t(`recordPdf.languages.${l}`) }))}
            data-testid="record-pdf-language"
          />
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            href={url ?? undefined}
            download={`${topic}.pdf`}
            disabled={!url}
            data-testid="record-pdf-download"
          >
            {t('recordPdf.download')}
          </Button>
        </div>
      }
    >
      {pdf.isPending && <Spin className="page-spin" />}
      {pdf.isError && <Alert type="error" showIcon title={pdf.error.message} />}
      {url && (
        <>
          <iframe
            className="pdf-preview"
            src={url}
            title={t('recordPdf.title')}
            data-testid="record-pdf-preview"
          />
          <Typography.Paragraph type="secondary" className="pdf-hint">
            {t('recordPdf.hint')}
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
