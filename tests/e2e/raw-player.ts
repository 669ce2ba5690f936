import { expect } from '@playwright/test';
import { quizAnswers } from './support.ts';
import { cookiesOf, rawRequest, type RawResponse } from './server-process.ts';

/**
 * A player driven over plain HTTP with chosen headers (a proxy's, a forged Host…): opens the page,
 * plays the quiz to the end, and can share the result.
 */
export class RawPlayer {
  cookie = '';
  readonly port: number;
  readonly project: string;
  readonly headers: Record<string, string>;
  constructor(port: number, project: string, headers: Record<string, string>) {
    this.port = port;
    this.project = project;
    this.headers = headers;
  }

  async open(query = ''): Promise<RawResponse> {
    const page = await rawRequest(this.port, { path: `/${this.project}${query}`, headers: this.headers });
    this.cookie = cookiesOf(page) || this.cookie;
    return page;
  }

  post(apiPath: string, body: unknown, origin: string): Promise<RawResponse> {
    const text = JSON.stringify(body);
    return rawRequest(this.port, {
      method: 'POST',
      path: `/api/${this.project}/${apiPath}`,
      headers: {
        ...this.headers,
        Origin: origin,
        Cookie: this.cookie,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(text)),
      },
      body: text,
    });
  }

  async playToTheEnd(origin: string): Promise<void> {
    await this.open();
    expect((await this.post('start', {}, origin)).status).toBe(200);
    for (const [question, answer] of quizAnswers(this.project).entries()) {
      const played = await this.post('play', { action: { type: 'answer', question, answer } }, origin);
      expect(played.status, played.body).toBe(200);
    }
  }

  /** Plays and shares; the share API's answer. */
  async share(origin: string): Promise<{ id: string; url: string; imageUrl: string }> {
    await this.playToTheEnd(origin);
    const shared = await this.post('share', {}, origin);
    expect(shared.status, shared.body).toBe(201);
    return JSON.parse(shared.body) as { id: string; url: string; imageUrl: string };
  }
}
