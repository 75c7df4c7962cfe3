import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clearSessionCookie, setSessionCookie } from './staff-auth.ts';

function replyRecorder() {
  const headers: Record<string, string> = {};
  const reply = {
    header(name: string, value: string) {
      headers[name] = value;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers };
}

describe('the staff session cookie', () => {
  it('is Secure over TLS, and not over plain HTTP on a developer machine', () => {
    const tls = replyRecorder();
    setSessionCookie({ protocol: 'https' } as FastifyRequest, tls.reply, 'token');
    expect(tls.headers['set-cookie']).toBe(
      'aman_staff=token; Path=/api; HttpOnly; SameSite=Strict; Secure',
    );
    const plain = replyRecorder();
    setSessionCookie({ protocol: 'http' } as FastifyRequest, plain.reply, 'token');
    expect(plain.headers['set-cookie']).toBe(
      'aman_staff=token; Path=/api; HttpOnly; SameSite=Strict',
    );
  });

  it('is cleared with Max-Age=0', () => {
    const cleared = replyRecorder();
    clearSessionCookie({ protocol: 'https' } as FastifyRequest, cleared.reply);
    expect(cleared.headers['set-cookie']).toBe(
      'aman_staff=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0; Secure',
    );
  });
});
