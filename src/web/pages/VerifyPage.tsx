import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { normalizeCode, PDF_LIMITS } from '../../core/records/pdf.js';
import { verifyPdfCode, verifyPdfFile } from '../api/pdf.js';
import { VerificationResult } from '../components/verify/VerificationResult.js';

/**
 * Checks a record's PDF: upload the file, or enter (or scan, through its link) the code printed
 * on it. The answer says whether it is an issued copy and whether the record is unchanged since.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [typed, setTyped] = useState(code);
  const [shown, setShown] = useState<'code' | 'file'>('code');
  const byCode = useQuery({
    queryKey: ['verify', code],
    queryFn: () => verifyPdfCode(code),
    enabled: code !== '',
    retry: false,
    staleTime: 0,
  });
  const byFile = useMutation({ mutationFn: verifyPdfFile });
  const check = () => {
    const normalized = normalizeCode(typed);
    if (!normalized) return;
    setShown('code');
    if (normalized === code) void byCode.refetch();
    else navigate(`/verify/${encodeURIComponent(normalized)}`);
  };
  const current =
    shown === 'file'
      ? { result: byFile.data, error: byFile.error, pending: byFile.isPending }
      : { result: byCode.data, error: byCode.error, pending: byCode.isFetching };

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('verify.title')}</Typography.Title>
      </div>
      <Typography.Paragraph>{t('verify.intro')}</Typography.Paragraph>
      <div className="verify-inputs">
        <Card size="small" title={t('verify.byFile')}>
          <Upload.Dragger
            accept=".pdf,application/pdf"
            multiple={false}
            showUploadList={false}
            disabled={byFile.isPending}
            customRequest={({ file, onSuccess }) => {
              setShown('file');
              byFile.mutate(file as File);
              onSuccess?.(null);
            }}
            data-testid="verify-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('verify.dragHint')}</p>
            <p className="ant-upload-hint">
              {t('verify.sizeHint', { mb: String(PDF_LIMITS.uploadBytes / 1024 / 1024) })}
            </p>
          </Upload.Dragger>
        </Card>
        <Card size="small" title={t('verify.byCode')}>
          <Space.Compact className="full-width">
            <Input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onPressEnter={check}
              placeholder="XXXXX-XXXXX"
              maxLength={32}
              data-testid="verify-code"
            />
            <Button type="primary" onClick={check} data-testid="verify-code-submit">
              {t('verify.check')}
            </Button>
          </Space.Compact>
        </Card>
      </div>
      <VerificationResult {...current} />
    </>
  );
}
