/**
 * The browser's side of the play API. Errors become `Error`s whose message is fit to show: the
 * server's own message for a refused action, a localised one for network or server failures.
 */
export interface ClientMessages {
  networkError: string;
  serverError: string;
}

export async function postJson<T>(url: string, body: unknown, messages: ClientMessages): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new Error(messages.networkError);
  }
  if (response.ok) return (await response.json()) as T;
  throw new Error(await errorMessage(response, messages));
}

async function errorMessage(response: Response, messages: ClientMessages): Promise<string> {
  if (response.status >= 500) return messages.serverError;
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? messages.serverError;
  } catch {
    return messages.serverError;
  }
}

/** Fire-and-forget tracking that survives the page being closed (like umami's keepalive fetch). */
export function beacon(url: string, body: unknown): void {
  const payload = JSON.stringify(body);
  // text/plain keeps the beacon a "simple" request in every browser; the server parses JSON anyway.
  if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, new Blob([payload], { type: 'text/plain' }))) {
    return;
  }
  void fetch(url, { method: 'POST', body: payload, keepalive: true, headers: { 'Content-Type': 'application/json' } }).catch(
    () => undefined,
  );
}
