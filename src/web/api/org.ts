import { useQuery } from '@tanstack/react-query';
import { request, withQuery } from './client.js';
import type { ImportPreview, ImportResult } from '../../core/import.js';
import type { Department, Position, Region } from '../../core/org.js';

// The org tree changes only through imports, so these lists are kept for a few minutes.
const ORG_STALE_MS = 5 * 60_000;

export function useRegions() {
  return useQuery({
    queryKey: ['org', 'regions'],
    queryFn: () => request<{ items: Region[] }>('GET', '/api/org/regions'),
    select: (data) => data.items,
    staleTime: ORG_STALE_MS,
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['org', 'departments'],
    queryFn: () => request<{ items: Department[] }>('GET', '/api/org/departments'),
    select: (data) => data.items,
    staleTime: ORG_STALE_MS,
  });
}

export function usePositions() {
  return useQuery({
    queryKey: ['org', 'positions'],
    queryFn: () => request<{ items: Position[] }>('GET', '/api/org/positions'),
    select: (data) => data.items,
    staleTime: ORG_STALE_MS,
  });
}

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}

/** The downloadable workbook with the import's headers. */
export const IMPORT_TEMPLATE_URL = '/api/org/import/template';

/** What importing `file` would create and change; nothing is written. */
export function previewImport(file: File): Promise<ImportPreview> {
  return request<ImportPreview>('POST', '/api/org/import/preview', fileForm(file));
}

/** Writes exactly what the preview with `token` showed, or fails with IMPORT_CHANGED. */
export function importOrg({
  file,
  token,
  accounts,
}: {
  file: File;
  token: string;
  /** also an account with an activation code for each person in the file who has none */
  accounts: boolean;
}): Promise<ImportResult> {
  return request<ImportResult>(
    'POST',
    withQuery('/api/org/import', { token, accounts: String(accounts) }),
    fileForm(file),
  );
}
