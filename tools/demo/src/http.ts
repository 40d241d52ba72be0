/** A small JSON client for the platform's HTTP APIs, acting with one bearer token. */
export interface ApiResponse<T> {
  status: number;
  body: T;
}

/** The platform's error body (ErrorResponse): a stable code, a message and optional details. */
export interface ApiErrorBody {
  code?: string;
  message?: string;
  details?: unknown;
}

export interface UploadFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Any request; the answer whatever its status. */
  async call<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        'accept-language': 'en',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await parse<T>(response) };
  }

  async get<T>(path: string): Promise<T> {
    return this.expect<T>('GET', path, undefined, 200);
  }

  post<T>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.call<T>('POST', path, body);
  }

  /** The body when the status is one of `statuses`; otherwise an error naming the request and the answer. */
  async expect<T>(method: string, path: string, body: unknown, ...statuses: number[]): Promise<T> {
    const response = await this.call<T>(method, path, body);
    if (!statuses.includes(response.status)) throw requestError(method, path, response);
    return response.body;
  }

  /** A multipart/form-data upload: text fields and one file in the part named `file`. */
  async upload<T>(path: string, fields: Record<string, string>, file: UploadFile): Promise<ApiResponse<T>> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(file.content)], { type: file.contentType }), file.fileName);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'accept-language': 'en' },
      body: form,
    });
    return { status: response.status, body: await parse<T>(response) };
  }
}

export function requestError(method: string, path: string, response: ApiResponse<unknown>): Error {
  return new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
}

export function errorCode(response: ApiResponse<unknown>): string | undefined {
  const body = response.body as ApiErrorBody | null;
  return typeof body === 'object' && body !== null ? body.code : undefined;
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  if (text === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}
