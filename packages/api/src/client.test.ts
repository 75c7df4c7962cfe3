import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient } from './client.ts';

/** What the last request looked like, and what to answer next. */
let seen: {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
} = {
  headers: {},
  body: '',
};
let answer: { status: number; type: string; body: string; headers?: Record<string, string> } = {
  status: 200,
  type: 'application/json',
  body: '{}',
};

describe('AmanClient', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        seen = { method: request.method, url: request.url, headers: request.headers, body };
        response.writeHead(answer.status, { 'content-type': answer.type, ...answer.headers });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });

  afterAll(() => {
    server.close();
  });

  it('sends the PIN header, encodes path parameters and returns the body', async () => {
    answer = { status: 200, type: 'application/json', body: '{"status":"active"}' };
    const result = await new AmanClient({ baseUrl }).getCase('7KQM 4XZD/9H2P', '12345-67890');
    expect(result).toEqual({ ok: true, status: 200, value: { status: 'active' } });
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe('/api/v1/cases/7KQM%204XZD%2F9H2P');
    expect(seen.headers['x-case-pin']).toBe('12345-67890');
    expect(seen.headers['authorization']).toBeUndefined();
  });

  it('sends the API key on platform routes only, and JSON bodies', async () => {
    answer = { status: 200, type: 'application/json', body: '{"results":[]}' };
    const client = new AmanClient({ baseUrl, apiKey: 'aman_key' });
    await client.match({ signals: [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }] });
    expect(seen.headers['authorization']).toBe('Bearer aman_key');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen.body)).toEqual({
      signals: [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }],
    });
    await client.createCase({
      signals: [{ type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }],
    });
    expect(seen.headers['authorization']).toBeUndefined();
    await client.changes({ cursor: '12', limit: 5 });
    expect(seen.url).toBe('/api/v1/changes?cursor=12&limit=5');
  });

  it('returns API errors with their code and Retry-After', async () => {
    answer = {
      status: 429,
      type: 'application/json',
      body: '{"error":{"code":"case_locked","message":"locked"}}',
      headers: { 'retry-after': '60' },
    };
    expect(await new AmanClient({ baseUrl }).getCase('X', '1')).toEqual({
      ok: false,
      status: 429,
      error: { code: 'case_locked', message: 'locked', retryAfter: 60 },
    });
  });

  it('says when an answer is not the API (a proxy page, an unknown code)', async () => {
    answer = { status: 502, type: 'text/html', body: '<h1>Bad gateway</h1>' };
    expect(await new AmanClient({ baseUrl }).health()).toMatchObject({
      ok: false,
      status: 502,
      error: { code: 'bad_response' },
    });
    answer = {
      status: 400,
      type: 'application/json',
      body: '{"error":{"code":"nope","message":"x"}}',
    };
    expect(await new AmanClient({ baseUrl }).health()).toMatchObject({
      ok: false,
      error: { code: 'bad_response' },
    });
  });

  it('never throws when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await new AmanClient({ baseUrl: `http://127.0.0.1:${port}` }).health();
    expect(result).toMatchObject({
      ok: false,
      status: 0,
      error: {
        code: 'network_error',
        message: expect.stringContaining(`127.0.0.1:${port}`) as unknown,
      },
    });
  });
});
