import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  RescheduleInput,
  ScheduleInterviewInput,
  ScheduledInterview,
  todoSchema,
} from '../../core/schedule/api.js';
import type { RecordView } from '../../core/records/api.js';
import { ifMatch, request } from './client.js';

export type Todo = z.infer<typeof todoSchema>;
export type ScheduledItem = ScheduledInterview;

export const todoKey = ['todo'] as const;

function planPath(id: string): string {
  return `/api/schedule/${encodeURIComponent(id)}`;
}

/** The signed-in person's to-do list; read fresh on every visit, as it is the home page. */
export function useTodo(enabled = true) {
  return useQuery({
    queryKey: todoKey,
    queryFn: () => request<Todo>('GET', '/api/todo'),
    enabled,
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

export function scheduleInterview(input: ScheduleInterviewInput) {
  return request<ScheduledInterview>('POST', '/api/schedule', input);
}

/** Opens the interview: the server creates the record, prefilled from the plan, as a draft. */
export function startScheduledInterview(id: string) {
  return request<RecordView>('POST', `${planPath(id)}/start`);
}

export function rescheduleInterview(plan: ScheduledInterview, input: RescheduleInput) {
  return request<ScheduledInterview>(
    'POST',
    `${planPath(plan.id)}/reschedule`,
    input,
    ifMatch(plan.revision),
  );
}

export function cancelScheduledInterview(plan: ScheduledInterview, reason: string) {
  return request<ScheduledInterview>(
    'POST',
    `${planPath(plan.id)}/cancel`,
    { reason },
    ifMatch(plan.revision),
  );
}
