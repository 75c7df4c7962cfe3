// The framework's ceiling for bench:load: a bare Fastify app with the five routes of the mixed
// workload, each parsing what Aman's parses (JSON bodies, the query) and answering a constant of
// the same shape. Prints its address on stdout.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
const opened = { caseNumber: '7KQM-4XZD-9H2P-R3TA', pin: '12345-67890' };
const view = { status: 'active', createdAt: new Date(0).toISOString(), signals: [], feedback: [] };
const triage = {
  verdict: 'sextortion',
  family: null,
  confidence: 0.9,
  language: 'fr',
  reasons: [],
  indicators: [],
  guidance: {
    videoLikelyExists: null,
    minorLikely: false,
    advice: [],
    summary: { fr: '', ar: '', en: '' },
  },
};
app.post('/api/v1/cases', (_request, reply) => reply.code(201).send(opened));
app.get('/api/v1/cases/:caseNumber', () => view);
app.post('/api/v1/match', () => ({ results: [{ matches: [] }] }));
app.get('/api/v1/changes', (request) => ({
  changes: [],
  cursor: (request.query as { cursor?: string }).cursor ?? '0',
}));
app.post('/api/v1/triage', () => triage);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${address}\n`);
