import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionRevocations } from '../../../src/admin/revocations.ts';

describe('SessionRevocations', () => {
  const file = () => path.join(mkdtempSync(path.join(tmpdir(), 'rekindle-revocations-')), 'revoked.json');
  const now = new Date('2021-01-10T12:00:00Z');
  const later = new Date('2021-01-10T18:00:00Z');

  it('remembers a revoked session across processes (another instance reading the same file)', async () => {
    const shared = file();
    await new SessionRevocations(shared).revoke('session-a', later, now);
    const elsewhere = new SessionRevocations(shared);
    expect(elsewhere.isRevoked('session-a')).toBe(true);
    expect(elsewhere.isRevoked('session-b')).toBe(false);
  });

  it('forgets sessions that have expired anyway', async () => {
    const revocations = new SessionRevocations(file());
    await revocations.revoke('old', now, now);
    await revocations.revoke('new', later, new Date(now.getTime() + 1));
    expect(revocations.isRevoked('old')).toBe(false);
    expect(revocations.isRevoked('new')).toBe(true);
  });
});
