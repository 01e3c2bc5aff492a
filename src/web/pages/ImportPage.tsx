import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { keepSlips, SLIPS_PATH } from '../accounts/slips.js';
import { isApiError } from '../api/client.js';
import { IMPORT_TEMPLATE_URL, importOrg, previewImport } from '../api/org.js';
import type { ImportError } from '../../core/import.js';
import { ImportErrors } from '../components/ImportErrors.js';
import { ImportFormatHelp } from '../components/ImportFormatHelp.js';
import { ImportPreview } from '../components/ImportPreview.js';
import { ImportSummary } from '../components/ImportSummary.js';
import { useUnsavedInput } from '../hooks/useUnsavedInput.js';
import { useSession } from '../session.js';

function problemsOf(error: unknown): ImportError[] | null {
  if (!isApiError(error, 'IMPORT_INVALID')) return null;
  const errors = (error.details as { errors?: ImportError[] } | undefined)?.errors;
  return Array.isArray(errors) ? errors : [];
}

/** Upload, preview of what the file changes, then the import itself once the user confirms. */
export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const preview = useMutation({ mutationFn: previewImport });
  const { abilities } = useSession();
  const navigate = useNavigate();
  const [withAccounts, setWithAccounts] = useState(false);
  const commit = useMutation({
    mutationFn: importOrg,
    onSuccess: (result) => {
      if (result.accounts) keepSlips(result.accounts);
      // The org tree and the directory just changed under every cached list.
      return queryClient.invalidateQueries();
    },
  });
  const start = (chosen: File) => {
    setFile(chosen);
    commit.reset();
    preview.mutate(chosen);
  };
  const cancel = () => {
    setFile(null);
    preview.reset();
  };
  const error = preview.error ?? commit.error;
  const problems = problemsOf(error);
  const changedMeanwhile = isApiError(commit.error, 'IMPORT_CHANGED');
  const busy = preview.isPending || commit.isPending;
  // a previewed file waits for its confirmation
  useUnsavedInput(file !== null && !commit.isSuccess);

  return (
    <>
      <div className="page-heading">
        <Typography.Title level={3}>{t('import.title')}</Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          href={IMPORT_TEMPLATE_URL}
          download
          data-testid="import-template"
        >
          {t('import.downloadTemplate')}
        </Button>
      </div>
      <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
      {/* antd sizes the drop zone at 100% of its parent; a plain block keeps it to its content. */}
      <div>
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          customRequest={({ file: chosen, onSuccess }) => {
            start(chosen as File);
            onSuccess?.(null);
          }}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {preview.isPending ? t('import.checking') : t('import.dragHint')}
          </p>
          <p className="ant-upload-hint">{t('import.formatHint')}</p>
        </Upload.Dragger>
      </div>
      {preview.isSuccess && file && !commit.isSuccess && !changedMeanwhile && (
        <>
          {abilities.createAccounts && (
            <Checkbox
              className="section"
              checked={withAccounts}
              onChange={(event) => setWithAccounts(event.target.checked)}
              data-testid="import-accounts"
            >
              {t('import.withAccounts')}
            </Checkbox>
          )}
          <ImportPreview
            preview={preview.data}
            confirming={commit.isPending}
            onConfirm={() =>
              commit.mutate({ file, token: preview.data.token, accounts: withAccounts })
            }
            onCancel={cancel}
          />
        </>
      )}
      {commit.isSuccess && <ImportSummary result={commit.data} />}
      {commit.data?.accounts && (
        <Alert
          className="section"
          type="info"
          showIcon
          data-testid="import-accounts-result"
          title={t('accounts.slips.summary', {
            created: String(commit.data.accounts.created),
            skipped: String(commit.data.accounts.skipped),
          })}
          action={
            <Button
              type="primary"
              onClick={() => void navigate(SLIPS_PATH)}
              data-testid="import-open-slips"
            >
              {t('import.openSlips')}
            </Button>
          }
        />
      )}
      {problems && <ImportErrors problems={problems} />}
      {changedMeanwhile && file && (
        <Alert
          className="section"
          type="warning"
          showIcon
          title={commit.error?.message}
          action={
            <Button onClick={() => start(file)} data-testid="import-preview-again">
              {t('import.previewAgain')}
            </Button>
          }
          data-testid="import-changed"
        />
      )}
      {error && !problems && !changedMeanwhile && (
        <Alert
          className="section"
          type="error"
          showIcon
          title={error.message}
          data-testid="import-failed"
        />
      )}
      <Card title={t('import.columnsTitle')} className="section">
        <ImportFormatHelp />
      </Card>
    </>
  );
}
