import { useQuery } from '@tanstack/react-query';
import type { PerformanceFile } from '../../core/performance-file.js';
import { performanceFilePath } from '../paths.js';
import { request } from './client.js';

export function usePerformanceFile(employeeId: string) {
  return useQuery({
    queryKey: ['performance-file', employeeId],
    queryFn: () => request<PerformanceFile>('GET', `/api${performanceFilePath(employeeId, 'api')}`),
  });
}
