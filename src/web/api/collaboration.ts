import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  collaboratorsSchema,
  commentsSchema,
  peopleSchema,
  privateNoteViewSchema,
  viewersSchema,
} from '../../core/records/api.js';
import type { CommentAudience } from '../../core/access/record.js';
import { request, withQuery } from './client.js';
import { recordKey } from './records.js';

export type Comments = z.infer<typeof commentsSchema>;
export type Comment = Comments['items'][number];
export type PrivateNote = z.infer<typeof privateNoteViewSchema>;
export type Viewers = z.infer<typeof viewersSchema>;
export type Collaborators = z.infer<typeof collaboratorsSchema>;
export type People = z.infer<typeof peopleSchema>;
export type Person = People['items'][number];

function recordPath(id: string): string {
  return `/api/records/${encodeURIComponent(id)}`;
}

export function commentsKey(recordId: string) {
  return [...recordKey(recordId), 'comments'] as const;
}

export function privateNoteKey(recordId: string) {
  return [...recordKey(recordId), 'private-note'] as const;
}

export function collaboratorsKey(recordId: string) {
  return [...recordKey(recordId), 'collaborators'] as const;
}

export function useComments(recordId: string) {
  return useQuery({
    queryKey: commentsKey(recordId),
    queryFn: () => request<Comments>('GET', `${recordPath(recordId)}/comments`),
    staleTime: 0,
  });
}

/** Posts a comment; the answer is the whole list, with the new comment in it. */
export function addComment(recordId: string, body: string, audience: CommentAudience) {
  return request<Comments>('POST', `${recordPath(recordId)}/comments`, { body, audience });
}

/** The interviewer's own notes; any other reader gets 404, so only the interviewer asks. */
export function usePrivateNote(recordId: string, enabled: boolean) {
  return useQuery({
    queryKey: privateNoteKey(recordId),
    queryFn: () => request<PrivateNote>('GET', `${recordPath(recordId)}/private-note`),
    enabled,
    staleTime: 0,
  });
}

export function savePrivateNote(recordId: string, body: string) {
  return request<PrivateNote>('PUT', `${recordPath(recordId)}/private-note`, { body });
}

/** Who opened the record: for its employee and full-audience readers only (404 otherwise). */
export function useViewers(recordId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...recordKey(recordId), 'viewers'],
    queryFn: () => request<Viewers>('GET', `${recordPath(recordId)}/viewers`),
    enabled,
    staleTime: 0,
  });
}

export function useCollaborators(recordId: string) {
  return useQuery({
    queryKey: collaboratorsKey(recordId),
    queryFn: () => request<Collaborators>('GET', `${recordPath(recordId)}/collaborators`),
    staleTime: 0,
  });
}

/** Colleagues to @mention, by name or pinyin. */
export function searchPeople(q: string) {
  return request<People>('GET', withQuery('/api/people', { q }));
}

/** Mentions saved with the record change who collaborates; the list is read again after a save. */
export function collaboratorsChanged(queryClient: QueryClient, recordId: string) {
  void queryClient.invalidateQueries({ queryKey: collaboratorsKey(recordId) });
}
