import { createHmac } from 'node:crypto';

/**
 * A share's public id: an HMAC under the server's secret, never readable as the player's token,
 * so a share URL reveals nothing of the customer. Anything else in its place is treated as no
 * share at all.
 */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isShareId(value: string | null | undefined): value is string {
  return typeof value === 'string' && SHARE_ID_PATTERN.test(value);
}

/**
 * The id of a player's `slot`-th share. Ids a player can make are a short known list, so a
 * repeated share finds the one it made before and the list's length caps how many one player
 * can make, with nothing new for the storage to keep.
 */
export function playerShareId(secret: Buffer, project: string, player: string, slot: number): string {
  return createHmac('sha256', secret).update(`rekindle-share.v1\n${project}\n${player}\n${slot}`).digest('base64url').slice(0, 21);
}
