/** A tiny JSON client for end-to-end tests against a spawned api. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export function apiClient(baseUrl: string, defaultHeaders: Record<string, string> = {}) {
  async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...defaultHeaders, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
  /** The raw fetch Response, for answers that are not JSON (files). */
  function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...defaultHeaders, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  return {
    raw,
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body ?? {}, headers),
    put: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body ?? {}, headers),
    patch: <T = Record<string, unknown>>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body ?? {}, headers),
    delete: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** Registers the first user (who becomes admin), logs in and creates an API key — all through the public routes. */
export async function bootstrapAdmin(baseUrl: string): Promise<{ id: string; apiKey: string; client: ApiClient }> {
  const anonymous = apiClient(baseUrl);
  const registered = await anonymous.post<{ id: string; role: string }>('/api/auth/register', { username: 'admin', password: 'admin-password-1' });
  if (registered.status !== 201 || registered.body.role !== 'admin') throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  const login = await anonymous.post<{ token: string }>('/api/auth/login', { username: 'admin', password: 'admin-password-1' });
  const key = await anonymous.post<{ key: string }>('/api/v1/api-keys', { name: 'e2e' }, { Authorization: `Bearer ${login.body.token}` });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${JSON.stringify(key.body)}`);
  return { id: registered.body.id, apiKey: key.body.key, client: apiClient(baseUrl, { 'X-API-Key': key.body.key }) };
}

/** An admin creates a user with an API key and the given credits. */
export async function createUser(baseUrl: string, admin: ApiClient, username: string, credits = 0): Promise<{ id: string; client: ApiClient }> {
  const password = 'user-password-1';
  const created = await admin.post<{ id: string }>('/api/auth/register', { username, password });
  if (created.status !== 201) throw new Error(`create user: ${created.status} ${JSON.stringify(created.body)}`);
  if (credits > 0) await admin.post(`/api/auth/users/${created.body.id}/credits`, { amount: credits, reason: 'e2e' });
  const anonymous = apiClient(baseUrl);
  const login = await anonymous.post<{ token: string }>('/api/auth/login', { username, password });
  const key = await anonymous.post<{ key: string }>('/api/v1/api-keys', { name: 'e2e' }, { Authorization: `Bearer ${login.body.token}` });
  return { id: created.body.id, client: apiClient(baseUrl, { 'X-API-Key': key.body.key }) };
}
