import type { LoadedProject } from '../config/load.ts';
import { mechanicFor } from '../mechanics/registry.ts';
import type { Mechanic } from '../mechanics/types.ts';
import type { Storage } from '../storage/types.ts';

const LINK_PREFIX = 'link:';

/**
 * Each customer's answers as a mechanic reports them in its summary facts (a survey's reason ids
 * and NPS score), as one `question=answer;…` cell per customer id, for the customer-status export
 * a follow-up chain reads. Only finished plays of personal links; never free text.
 */
export async function answersByCustomer(project: LoadedProject, storage: Pick<Storage, 'plays' | 'links'>): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  const mechanic = mechanicFor(project.config.kind) as Mechanic<string, LoadedProject['config']> | undefined;
  if (!mechanic) return answers;
  for await (const play of storage.plays.scan(project.slug)) {
    if (!play.completedAt || !play.player.startsWith(LINK_PREFIX)) continue;
    const facts = mechanic.summary(project.config, play.state).facts;
    if (!facts || Object.keys(facts).length === 0) continue;
    const link = await storage.links.byToken(project.slug, play.player.slice(LINK_PREFIX.length));
    if (link)
      answers.set(
        link.customerId,
        Object.entries(facts)
          .map(([question, answer]) => `${question}=${answer}`)
          .join(';'),
      );
  }
  return answers;
}
