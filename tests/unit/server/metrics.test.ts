import { describe, expect, it } from 'vitest';
import { routeOf } from '../../../src/server/metrics.ts';

describe('routeOf', () => {
  it('labels requests by route pattern, never by path or query', () => {
    expect(routeOf('/home-habits-quiz?c=personalToken0123456789')).toBe('/:project');
    expect(routeOf('/api/home-habits-quiz/visit')).toBe('/api/:project/:action');
    expect(routeOf('/s/AbCdEfGhIjKlMnOpQrStU/og.png')).toBe('/s/:id/:format.png');
    expect(routeOf('/admin/new-year-traditions/customers.csv')).toBe('/admin/:project');
    expect(routeOf('/a/b/c/d')).toBe('other');
  });
});
