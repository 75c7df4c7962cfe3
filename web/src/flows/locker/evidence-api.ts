/**
 * The evidence routes of the case API: sealed bytes in, sealed bytes out. These routes are not in
 * @aman/api yet; web/NEEDS.md specifies them. Until the server has them, every call answers
 * `unavailable` and the locker keeps working on the device alone (items and the evidence pack),
 * saying plainly that nothing is stored on Aman.
 */

export interface StoredEvidence {
  readonly id: string;
  readonly size: number;
  readonly createdAt: string;
}

export type EvidenceApiError =
  'unavailable' | 'wrong-pin' | 'locked' | 'too-large' | 'network' | 'failed';

export type EvidenceResult<T> =
  { ok: true; value: T } | { ok: false; error: EvidenceApiError; retryAfter?: number };

function base(caseNumber: string): string {
  return `/api/v1/cases/${encodeURIComponent(caseNumber)}/evidence`;
}

async function call<T>(
  url: string,
  init: RequestInit & { pin: string },
  read: (response: Response) => Promise<T>,
): Promise<EvidenceResult<T>> {
  const { pin, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(url, {
      ...rest,
      headers: { ...(rest.headers as Record<string, string>), 'x-case-pin': pin },
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, error: 'network' };
  }
  if (response.ok) return { ok: true, value: await read(response) };
  const retryAfter = Number(response.headers.get('retry-after'));
  const code = await response
    .json()
    .then((body: { error?: { code?: string } }) => body.error?.code)
    .catch(() => undefined);
  if (response.status === 404 && code !== 'case_not_found')
    return { ok: false, error: 'unavailable' };
  if (response.status === 405 || response.status === 501)
    return { ok: false, error: 'unavailable' };
  if (response.status === 401 || code === 'case_not_found')
    return { ok: false, error: 'wrong-pin' };
  if (response.status === 413) return { ok: false, error: 'too-large' };
  if (response.status === 429) {
    return {
      ok: false,
      error: code === 'case_locked' ? 'locked' : 'failed',
      ...(Number.isFinite(retryAfter) ? { retryAfter } : {}),
    };
  }
  return { ok: false, error: 'failed' };
}

export function storeEvidence(
  caseNumber: string,
  pin: string,
  sealed: Uint8Array,
): Promise<EvidenceResult<StoredEvidence>> {
  return call(
    base(caseNumber),
    {
      method: 'POST',
      pin,
      headers: { 'content-type': 'application/octet-stream' },
      body: sealed as BodyInit,
    },
    (response) => response.json() as Promise<StoredEvidence>,
  );
}

export function listEvidence(
  caseNumber: string,
  pin: string,
): Promise<EvidenceResult<readonly StoredEvidence[]>> {
  return call(
    base(caseNumber),
    { method: 'GET', pin },
    async (response) => ((await response.json()) as { items: StoredEvidence[] }).items,
  );
}

export function fetchEvidence(
  caseNumber: string,
  pin: string,
  id: string,
): Promise<EvidenceResult<Uint8Array>> {
  return call(
    `${base(caseNumber)}/${encodeURIComponent(id)}`,
    { method: 'GET', pin },
    async (response) => new Uint8Array(await response.arrayBuffer()),
  );
}

export function deleteEvidence(
  caseNumber: string,
  pin: string,
  id: string,
): Promise<EvidenceResult<null>> {
  return call(`${base(caseNumber)}/${encodeURIComponent(id)}`, { method: 'DELETE', pin }, () =>
    Promise.resolve(null),
  );
}
