import type { ErrorBody, ErrorCode } from '../../core/errors.js';
import { currentLanguage, i18n } from '../i18n/index.js';

/** An error answer of the API: its stable code (what the UI branches on) and localized message. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown, ...codes: ErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

// The session's token for state-changing requests; the cookie alone is not proof of intent.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Params = Record<string, string | number | undefined | null>;

/** Builds `path?a=1&b=2`, leaving out empty parameters so the server applies its defaults. */
export function withQuery(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export interface RequestOptions {
  /** Extra request headers, e.g. `If-Match` for a save at a known revision. */
  headers?: Record<string, string>;
}

/** `If-Match` for the revision the client read: the server refuses the change if it moved on. */
export function ifMatch(revision: number): RequestOptions {
  return { headers: { 'If-Match': `"${revision}"` } };
}

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
    ...options.headers,
  };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    // The browser writes the multipart boundary into Content-Type itself.
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'INTERNAL', i18n.t('common.networkError'));
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response.status, response.statusText, data);
  return data as T;
}

/** A binary answer (a PDF): its bytes, or the API's error as for `request`. */
export async function requestBlob(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { 'Accept-Language': currentLanguage() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'INTERNAL', i18n.t('common.networkError'));
  }
  if (!response.ok)
    throw errorOf(response.status, response.statusText, await response.json().catch(() => null));
  return response.blob();
}

function errorOf(status: number, statusText: string, data: unknown): ApiError {
  const error = (data as Partial<ErrorBody> | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.code, error.message, error.details);
  }
  // Not our JSON (a proxy page, a crash): keep the status so the user can report something.
  return new ApiError(status, 'INTERNAL', `${status} ${statusText}`);
}

/**
 * Sends a multipart form with XMLHttpRequest, which (unlike fetch) reports upload progress:
 * `onProgress` gets the share sent, 0–1. Errors are the same ApiError as `request`'s.
 */
export function uploadForm<T>(
  path: string,
  form: FormData,
  onProgress: (share: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'INTERNAL', i18n.t('common.networkError')));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says what happened
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(errorOf(xhr.status, xhr.statusText, data));
    };
    xhr.send(form);
  });
}

/** A file the API serves (an attachment), as a Blob; errors as `request`'s. */
export async function fetchBlob(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { 'Accept-Language': currentLanguage() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'INTERNAL', i18n.t('common.networkError'));
  }
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => null);
    throw errorOf(response.status, response.statusText, data);
  }
  return response.blob();
}
