import { nanoid } from 'nanoid';
import { loadProjects } from '../config/load.ts';
import { settings } from '../environment/index.ts';
import { createConfiguredStorage } from '../storage/index.ts';
import type { LinkRecord, Storage } from '../storage/types.ts';

/** Demo customers: one per spend tier of the seed, so each tier's gift can be tried. */
const DEMO_CUSTOMERS = [
  { customerId: 'demo-anna', name: 'Анна', segment: 'churned', spend: 1200 },
  { customerId: 'demo-maria', name: 'Мария', segment: 'churned', spend: 18500 },
  { customerId: 'demo-olga', name: 'Ольга', segment: 'churned', spend: 76000 },
];

/**
 * Gives every example project personal links for the demo customers (the same links on every
 * start) and prints them, so a newcomer can click through as a customer would.
 */
export async function seedDemoLinks(baseUrl: string): Promise<void> {
  const { projects, problems } = await loadProjects(settings().projectsDir);
  for (const problem of problems)
    console.error(`${problem.file}${problem.line ? `:${problem.line}` : ''} ${problem.path}: ${problem.message}`);
  const storage = await createConfiguredStorage();
  try {
    console.log('Demo personal links:');
    for (const project of projects) {
      const links = await ensureLinks(project.slug, storage);
      console.log(`\n  ${project.config.title}  (anonymous: ${baseUrl}/${project.slug})`);
      for (const link of links) {
        console.log(`    ${link.name?.padEnd(8)} spend ${String(link.spend).padStart(6)}  ${baseUrl}/${project.slug}?c=${link.token}`);
      }
    }
  } finally {
    await storage.close();
  }
}

async function ensureLinks(project: string, storage: Storage): Promise<LinkRecord[]> {
  const existing: LinkRecord[] = [];
  const missing: LinkRecord[] = [];
  for (const customer of DEMO_CUSTOMERS) {
    const found = await storage.links.byCustomerId(project, customer.customerId);
    if (found) existing.push(found);
    else missing.push({ project, token: nanoid(), ...customer, group: 'target', importedAt: new Date().toISOString() });
  }
  if (missing.length > 0) await storage.links.add(project, missing);
  return [...existing, ...missing];
}
