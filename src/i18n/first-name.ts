/**
 * The name a greeting uses. CRM exports hold whatever the shop typed: «Ольга Сергеевна, VIP»,
 * «Emma Walker». A greeting says «Ольга, …», so it takes the first word before any comma.
 */
export function firstName(name: string | undefined): string | undefined {
  const first = name?.split(',')[0]?.trim().split(/\s+/u)[0];
  return first ? first : undefined;
}
