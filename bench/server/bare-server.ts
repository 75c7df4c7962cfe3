// The framework's ceiling for bench:server: a bare Fastify app whose POST /api/v1/match parses the
// JSON body, as Aman's does, and answers a constant. Prints its address on stdout.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
const answer = { results: [{ matches: [] }] };
app.post('/api/v1/match', () => answer);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${address}\n`);
