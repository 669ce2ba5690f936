import { nanoid } from 'nanoid';

/**
 * A share's public id: its own nanoid, never derived from the player's token, so a share URL
 * reveals nothing of the customer. Anything else in its place is treated as no share at all.
 */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isShareId(value: string | null | undefined): value is string {
  return typeof value === 'string' && SHARE_ID_PATTERN.test(value);
}

export function newShareId(): string {
  return nanoid();
}
