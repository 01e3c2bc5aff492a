import { useQuery } from '@tanstack/react-query';
import { request } from './client.js';
import type { ImportResult } from '../../core/import.js';
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

export function importOrg(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file);
  return request<ImportResult>('POST', '/api/org/import', form);
}
