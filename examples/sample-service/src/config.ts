export interface Config {
  port: number;
  databaseUrl: string;
  paymentBaseUrl: string;
  paymentTimeoutMs: number;
  sessionSecret: string;
}

/** Reads settings from the environment; fails fast when a required one is missing. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  return {
    port: Number(env.PORT ?? 8080),
    databaseUrl,
    paymentBaseUrl: env.PAYMENT_BASE_URL ?? 'http://127.0.0.1:9090',
    // The provider answers in under 2 s at p99; anything slower is treated as a failure.
    paymentTimeoutMs: Number(env.PAYMENT_TIMEOUT_MS ?? 5000),
    sessionSecret: env.SESSION_SECRET ?? 'dev-secret-change-me',
  };
}
