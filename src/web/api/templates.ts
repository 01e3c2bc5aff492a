import { useQuery } from '@tanstack/react-query';
import type {
  CreateTemplateInput,
  TemplateListItem,
  TemplateStatusFilter,
  TemplateView,
  UpdateTemplateInput,
} from '../../core/templates/api.js';
import { request, withQuery } from './client.js';

export const templatesKey = ['templates'] as const;

function templatePath(id: string): string {
  return `/api/templates/${encodeURIComponent(id)}`;
}

export function useTemplates(status: TemplateStatusFilter, enabled = true) {
  return useQuery({
    queryKey: [...templatesKey, 'list', status],
    queryFn: () =>
      request<{ items: TemplateListItem[] }>('GET', withQuery('/api/templates', { status })),
    select: (data) => data.items,
    enabled,
  });
}

/** One template at its current version, or at `version` when given. */
export function useTemplate(id: string, version?: number) {
  return useQuery({
    queryKey: [...templatesKey, 'detail', id, version ?? 'current'],
    queryFn: () =>
      request<TemplateView>(
        'GET',
        version ? `${templatePath(id)}/versions/${version}` : templatePath(id),
      ),
    enabled: id !== '',
  });
}

export function fetchTemplate(id: string) {
  return request<TemplateView>('GET', templatePath(id));
}

export function createTemplate(input: CreateTemplateInput) {
  return request<TemplateView>('POST', '/api/templates', input);
}

/** Saves a new version on top of `baseVersion`; 412 when someone saved another one first. */
export function updateTemplate(id: string, input: UpdateTemplateInput) {
  return request<TemplateView>('PUT', templatePath(id), input);
}

export function copyTemplate(id: string) {
  return request<TemplateView>('POST', `${templatePath(id)}/copy`);
}

export function setTemplateStatus(id: string, status: 'active' | 'retired') {
  return request<TemplateView>(
    'POST',
    `${templatePath(id)}/${status === 'retired' ? 'retire' : 'restore'}`,
  );
}
