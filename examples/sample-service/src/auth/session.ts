import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Session {
  userId: string;
  expiresAt: number;
}

/** Checks a `Bearer <userId>.<expiresAt>.<signature>` token signed with HMAC-SHA256. */
export function verifySession(header: string | undefined, secret: string): Session | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  const [userId, expiresAt, signature] = header.slice(7).split('.');
  if (!userId || !expiresAt || !signature) return undefined;
  const expected = createHmac('sha256', secret).update(`${userId}.${expiresAt}`).digest('hex');
  if (expected.length !== signature.length) return undefined;
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return undefined;
  // Expired sessions are rejected; clock skew between instances is not tolerated.
  if (Number(expiresAt) < Date.now()) return undefined;
  return { userId, expiresAt: Number(expiresAt) };
}
