import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  CreateAddendumInput,
  CreateRecordInput,
  RecordFilters,
  RecordHistory,
  RecordPage,
  RecordView,
  SaveRecordInput,
} from '../../core/records/api.js';
import type { SignInput } from '../../core/signatures/api.js';
import type { Content } from '../../core/templates/content.js';
import { ifMatch, request, withQuery } from './client.js';

export const recordsKey = ['records'] as const;

export function recordKey(id: string) {
  return ['record', id] as const;
}

function recordPath(id: string): string {
  return `/api/records/${encodeURIComponent(id)}`;
}

export function useRecords(filters: RecordFilters) {
  return useInfiniteQuery({
    queryKey: [...recordsKey, filters],
    queryFn: ({ pageParam }) =>
      request<RecordPage>('GET', withQuery('/api/records', { ...filters, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function fetchRecord(id: string) {
  return request<RecordView>('GET', recordPath(id));
}

export function useRecord(id: string) {
  return useQuery({
    queryKey: recordKey(id),
    queryFn: () => fetchRecord(id),
    // Every visit reads the current version; the editor takes it only when nothing is unsaved.
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

export function useRecordHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...recordKey(id), 'history'],
    queryFn: () => request<RecordHistory>('GET', `${recordPath(id)}/history`),
    enabled,
    staleTime: 0,
  });
}

export type NewRecord = Omit<CreateRecordInput, 'content'> & { content?: Content };

export function createRecord(input: NewRecord) {
  return request<RecordView>('POST', '/api/records', input);
}

export function createAddendum(originalId: string, input: CreateAddendumInput) {
  return request<RecordView>('POST', `${recordPath(originalId)}/addenda`, input);
}

export function saveRecord(id: string, revision: number, input: SaveRecordInput) {
  return request<RecordView>('PUT', recordPath(id), input, ifMatch(revision));
}

export function submitRecord(id: string, revision: number) {
  return request<RecordView>('POST', `${recordPath(id)}/submit`, undefined, ifMatch(revision));
}

export function withdrawRecord(id: string, revision: number) {
  return request<RecordView>('POST', `${recordPath(id)}/withdraw`, undefined, ifMatch(revision));
}

export function returnRecord(id: string, revision: number, comment: string) {
  return request<RecordView>('POST', `${recordPath(id)}/return`, { comment }, ifMatch(revision));
}

export function saveFeedback(id: string, revision: number, content: Content) {
  return request<RecordView>('PUT', `${recordPath(id)}/feedback`, { content }, ifMatch(revision));
}

/** HR gives an unsent record to the manager who now holds the employee. */
export function handOverRecord(id: string, revision: number, interviewerId: string) {
  return request<RecordView>(
    'POST',
    `${recordPath(id)}/handover`,
    { interviewerId },
    ifMatch(revision),
  );
}

/** Signs (or refuses, or countersigns) with the password and the handwriting in one request. */
export function signRecord(id: string, revision: number, input: SignInput) {
  return request<RecordView>('POST', `${recordPath(id)}/sign`, input, ifMatch(revision));
}

/** The interviewer takes a signed record back to a draft; the signatures are voided. */
export function reopenRecord(id: string, revision: number) {
  return request<RecordView>('POST', `${recordPath(id)}/reopen`, undefined, ifMatch(revision));
}

/** HR archives a refused record once its deadline has passed. */
export function archiveRecord(id: string, revision: number) {
  return request<RecordView>('POST', `${recordPath(id)}/archive`, undefined, ifMatch(revision));
}
