import { useQuery } from '@tanstack/react-query';
import type { SystemStatus } from '../../core/system.js';
import { request } from './client.js';

export function useSystemStatus() {
  return useQuery({
    queryKey: ['system', 'status'],
    queryFn: () => request<SystemStatus>('GET', '/api/system/status'),
  });
}
