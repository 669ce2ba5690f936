import { describe, expect, it } from 'vitest';
import { parseWithFriendlyErrors } from '../../../src/config/friendly-errors.ts';
import { webhookSchema } from '../../../src/config/schemas/project.ts';

describe('webhook config', () => {
  it('sends both events unless the author lists some', () => {
    const parsed = webhookSchema.parse({ url: 'https://crm.example.com/hooks/rekindle', secretEnv: 'HOOK_SECRET' });
    expect(parsed.events).toEqual(['complete', 'gift-open']);
  });

  it('refuses a secret written where the variable name goes, without repeating it', () => {
    const parsed = parseWithFriendlyErrors(webhookSchema, {
      url: 'https://crm.example.com/hooks/rekindle',
      secretEnv: 's3cr3t-value',
    });
    expect(parsed.success).toBe(false);
    const problems = parsed.success ? [] : parsed.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^expected the name of an environment variable/);
    expect(problems[0]!.message).not.toContain('s3cr3t-value');
  });

  it('refuses URLs other than http(s) and an empty event list', () => {
    const parsed = parseWithFriendlyErrors(webhookSchema, { url: 'ftp://crm.example.com', secretEnv: 'HOOK_SECRET', events: [] });
    const problems = parsed.success ? [] : parsed.problems;
    expect(problems.map((problem) => problem.path)).toEqual([['url'], ['events']]);
  });
});
