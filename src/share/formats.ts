/**
 * The two share image sizes: `og` for link previews (VK, Telegram, Facebook… all crop to about
 * 1.91:1) and `story` for a full-screen phone story. Nothing else is rendered, so a client cannot
 * make the server draw (and cache) arbitrary sizes.
 */
export const SHARE_FORMATS = {
  og: { width: 1200, height: 630 },
  story: { width: 1080, height: 1920 },
} as const;

export type ShareFormat = keyof typeof SHARE_FORMATS;

export function isShareFormat(value: unknown): value is ShareFormat {
  return typeof value === 'string' && Object.hasOwn(SHARE_FORMATS, value);
}

/** Refuses a format that is not one of SHARE_FORMATS, for callers that bypass the type. */
export function assertShareFormat(value: unknown): asserts value is ShareFormat {
  if (!isShareFormat(value)) {
    const allowed = Object.keys(SHARE_FORMATS).join(', ');
    throw new RangeError(`Share image format ${JSON.stringify(value)} is not supported: expected one of ${allowed}.`);
  }
}
