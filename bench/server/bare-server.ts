// The framework's ceiling for bench:server: a bare Fastify app whose POST /api/v1/match parses the
// JSON body, as Aman's does, and answers a constant. Prints its address on stdout.
//
// With AMAN_BENCH_HANDLER_US=N its handler first keeps the CPU busy for N µs: the bench's "budget"
// row, which shows how much work per request a server can do on this machine and still answer half
// as many requests as the bare route.
import Fastify from 'fastify';

const handlerMicros = Number(process.env.AMAN_BENCH_HANDLER_US ?? 0);
const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
const answer = { results: [{ matches: [] }] };
app.post('/api/v1/match', () => {
  const until = performance.now() + handlerMicros / 1000;
  while (performance.now() < until);
  return answer;
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening on ${address}\n`);
