import { useQuery } from '@tanstack/react-query';
import type { BackupList } from '../../core/backup.js';
import { request } from './client.js';

export const backupsKey = ['backups'] as const;

/** The backups, newest first; polled while a backup or verification runs, so its end shows. */
export function useBackups() {
  return useQuery({
    queryKey: backupsKey,
    queryFn: () => request<BackupList>('GET', '/api/backups'),
    refetchInterval: (query) => (query.state.data?.running ? 2000 : false),
  });
}

export function startBackup() {
  return request<{ name: string }>('POST', '/api/backups');
}

export function verifyBackup(name: string) {
  return request<{ name: string }>('POST', `/api/backups/${encodeURIComponent(name)}/verify`);
}
