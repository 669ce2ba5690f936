import type { APIRoute } from 'astro';
import { EXCEL_CSV, PLAIN_CSV } from '../../../crm/csv-output.ts';
import { exportCustomerStatus } from '../../../crm/customer-status.ts';
import { answersByCustomer } from '../../../crm/play-answers.ts';
import { handleApi, HttpError } from '../../../server/http.ts';
import { findProject } from '../../../server/projects.ts';
import { getStorage } from '../../../storage/index.ts';

/** Lines are grouped into chunks of about this size: one write per line would be slow for 1 000 000 customers. */
const CHUNK_CHARS = 64 * 1024;

/** The customer status CSV for follow-up chains, streamed so its size never sits in memory. */
export const GET: APIRoute = (context) =>
  handleApi(async () => {
    const slug = context.params.slug ?? '';
    const lookup = await findProject(slug);
    if (lookup.status === 'missing') throw new HttpError(404, 'project-not-found', `There is no project named ${slug}.`);
    if (lookup.status === 'broken') {
      throw new HttpError(503, 'project-unavailable', `Project ${slug} has config problems; run \`npm run validate\`.`);
    }
    const storage = await getStorage();
    const answers = await answersByCustomer(lookup.project, storage);
    // `?format=excel`: the second link of the dashboard, for people who open the file in Russian Excel.
    const dialect = context.url.searchParams.get('format') === 'excel' ? EXCEL_CSV : PLAIN_CSV;
    const lines = exportCustomerStatus({ project: lookup.project, storage, now: new Date(), answers, dialect });
    // The export reads all facts before its first line: failing there gives a proper error
    // response instead of a 200 with a truncated file.
    const header = await lines.next();
    const day = new Date().toISOString().slice(0, 10);
    return new Response(chunked(header.done ? '' : header.value, lines), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${slug}-customers-${day}.csv"`,
      },
    });
  });

function chunked(firstLine: string, lines: AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pending = firstLine;
  return new ReadableStream({
    async pull(controller) {
      let chunk = pending;
      pending = '';
      while (chunk.length < CHUNK_CHARS) {
        const next = await lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return?.(undefined);
    },
  });
}
