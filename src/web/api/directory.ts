import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { request, withQuery } from './client.js';
import type { DirectoryFilters, DirectoryPage, EmployeeProfile } from '../../core/org.js';

export function searchEmployees(filters: DirectoryFilters, cursor: string | null, limit?: number) {
  return request<DirectoryPage>(
    'GET',
    withQuery('/api/directory/employees', { ...filters, cursor, limit }),
  );
}

export function useEmployeeSearch(filters: DirectoryFilters) {
  return useInfiniteQuery({
    queryKey: ['directory', filters],
    queryFn: ({ pageParam }) => searchEmployees(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Keeps the old rows on screen while the next search runs, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useEmployee(id: string) {
  return useQuery({
    queryKey: ['employee', id],
    queryFn: () =>
      request<EmployeeProfile>('GET', `/api/directory/employees/${encodeURIComponent(id)}`),
  });
}
