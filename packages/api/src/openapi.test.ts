import { describe, expect, it } from 'vitest';
import { errorCodes } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { routes } from './routes.ts';

describe('openApiDocument', () => {
  const doc = openApiDocument();

  it('is OpenAPI 3.1 with every route of the route table', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const [name, route] of Object.entries(routes)) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()]?.['operationId']).toBe(name);
    }
  });

  it('resolves every $ref to a component schema', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const id = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      expect(id, ref).toBeDefined();
      expect(doc.components.schemas[id!], ref).toBeDefined();
    }
  });

  it('documents the contract shapes the other tools rely on', () => {
    const caseRequest = doc.components.schemas['CreateCaseRequest'];
    expect(caseRequest).toMatchObject({ additionalProperties: false, required: ['signals'] });
    const match = doc.paths['/api/v1/match']?.['post'];
    expect(match?.['security']).toEqual([{ platformKey: ['match'] }]);
    const getCase = doc.paths['/api/v1/cases/{caseNumber}']?.['get'];
    expect(getCase?.['security']).toEqual([{ casePin: [] }]);
    expect(JSON.stringify(getCase?.['responses'])).toContain('case_locked');
  });

  it('lists each error under its own HTTP status', () => {
    for (const operations of Object.values(doc.paths)) {
      for (const op of Object.values(operations)) {
        const responses = op['responses'] as Record<string, { 'x-error-codes'?: string[] }>;
        for (const [status, response] of Object.entries(responses)) {
          for (const code of response['x-error-codes'] ?? []) {
            expect(errorCodes[code as keyof typeof errorCodes].status).toBe(Number(status));
          }
        }
      }
    }
  });
});
