import { createHmac } from 'node:crypto';

export type WebhookEvent = 'complete' | 'gift-open';

/** The JSON body a receiver gets; documented for receivers in README.md beside this file. */
export interface WebhookPayload {
  /** Delivery id, the same on every retry: receivers dedupe on it. */
  id: string;
  type: WebhookEvent;
  /** Project slug. */
  project: string;
  /** ISO time of the completion or gift opening, not of the delivery. */
  occurredAt: string;
  /** The CRM's customer id from the personal link; null for anonymous players. */
  customerId: string | null;
  player: 'link' | 'anon';
  /**
   * The result. `facts` are the mechanic's answers a chain may branch on (a survey's reason ids,
   * an NPS score), never a player's free text.
   */
  summary: { title: string; score?: { value: number; of: number }; facts?: Record<string, string> } | null;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * Signs `<timestamp>.<body>` rather than the body alone, so a captured request cannot be replayed
 * later with a fresh timestamp: receivers check both the signature and the timestamp's age.
 */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The body and headers of one delivery attempt; each attempt carries its own timestamp. */
export function signedRequest(payload: WebhookPayload, secret: string, now: Date): SignedRequest {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Rekindle-Webhooks/1',
      'X-Rekindle-Event': payload.type,
      'X-Rekindle-Delivery': payload.id,
      'X-Rekindle-Timestamp': timestamp,
      'X-Rekindle-Signature': signatureOf(secret, timestamp, body),
    },
  };
}
