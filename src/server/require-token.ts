import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLoopbackHost } from './is-loopback-host.js';

/** The cookie a browser keeps the token in after opening `/?token=…` once. */
export const TOKEN_COOKIE = 'swarmlord_token';

function same(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Guards every request. With a token (the server is bound off loopback, or the token is set), a
 * request must carry it: `Authorization: Bearer <token>`, the cookie, or `?token=` once (a page
 * then sets the cookie and redirects to the same address without it, so the token leaves the
 * address bar and history). Without a token, only loopback `Host` names are accepted: a page on
 * another site that rebinds its name to 127.0.0.1 must not reach the dashboard.
 */
export function requireToken(token: string | undefined): MiddlewareHandler {
  return async (context, next) => {
    if (token === undefined) {
      const host = (context.req.header('host') ?? '').replace(/:\d+$/, '');
      if (!isLoopbackHost(host)) return context.json({ error: 'DASHBOARD_HOST_REFUSED' }, 403);
      return next();
    }
    const bearer = /^Bearer (.+)$/.exec(context.req.header('authorization') ?? '')?.[1];
    const fromQuery = context.req.query('token');
    const given = bearer ?? getCookie(context, TOKEN_COOKIE) ?? fromQuery;
    if (given === undefined || !same(given, token)) {
      return context.json(
        {
          error: 'DASHBOARD_TOKEN_REQUIRED',
          message: 'this dashboard needs its token (SWARMLORD_DASHBOARD_TOKEN)',
        },
        401,
      );
    }
    if (fromQuery !== undefined && bearer === undefined && context.req.method === 'GET') {
      setCookie(context, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(context.req.url);
      url.searchParams.delete('token');
      return context.redirect(`${url.pathname}${url.search}`, 303);
    }
    return next();
  };
}
