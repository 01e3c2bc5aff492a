import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.js';
import { importOrg } from '../api/org.js';
import type { ImportError } from '../../core/import.js';
import { ImportErrors } from '../components/ImportErrors.js';
import { ImportFormatHelp } from '../components/ImportFormatHelp.js';
import { ImportSummary } from '../components/ImportSummary.js';

function problemsOf(error: unknown): ImportError[] | null {
  if (!isApiError(error, 'IMPORT_INVALID')) return null;
  const errors = (error.details as { errors?: ImportError[] } | undefined)?.errors;
  return Array.isArray(errors) ? errors : [];
}

export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: importOrg,
    // The org tree and the directory just changed under every cached list.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const problems = problemsOf(mutation.error);

  return (
    <>
      <Typography.Title level={3}>{t('import.title')}</Typography.Title>
      <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
      {/* antd sizes the drop zone at 100% of its parent; a plain block keeps it to its content. */}
      <div>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={mutation.isPending}
          customRequest={({ file, onSuccess, onError }) =>
            mutation.mutate(file as File, {
              onSuccess: (result) => onSuccess?.(result),
              onError: (error) => onError?.(error),
            })
          }
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {mutation.isPending ? t('import.uploading') : t('import.dragHint')}
          </p>
          <p className="ant-upload-hint">{t('import.formatHint')}</p>
        </Upload.Dragger>
      </div>
      {mutation.isSuccess && <ImportSummary result={mutation.data} />}
      {problems && <ImportErrors problems={problems} />}
      {mutation.error && !problems && (
        <Alert
          className="section"
          type="error"
          showIcon
          title={mutation.error.message}
          data-testid="import-failed"
        />
      )}
      <Card title={t('import.columnsTitle')} className="section">
        <ImportFormatHelp />
      </Card>
    </>
  );
}
