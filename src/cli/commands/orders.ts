import { inputFileExists, loadProjectForCli, parseImportCommandLine, withImportStorage } from '../../crm/cli-support.ts';
import { importOrdersCsv } from '../../crm/orders.ts';
import { cliMessages } from '../../i18n/cli-messages.ts';
import { ENCODING_LABELS } from '../../lib/text-encoding.ts';
import type { CliCommand } from '../main.ts';

const USAGE = [
  'rekindle orders import <project> <orders.csv>',
  '  Columns: order_id, customer_id, ordered_at, amount (Russian headers like «Номер заказа»,',
  '  «Дата заказа», «Сумма» work too). Dates without an offset are read in the project time zone.',
  '  Importing the same orders again adds nothing: orders are stored once per order_id.',
].join('\n');

/**
 * `npm run orders -- import <project> <orders.csv>`: feeds the shop's orders into the report, so
 * reactivation is counted per personal link. All or nothing, idempotent by order id.
 */
const orders: CliCommand = {
  summary: 'import the shop’s orders, the facts reactivation is counted from',
  usage: USAGE,
  async run(args) {
    const commandLine = parseImportCommandLine(args, []);
    if (typeof commandLine === 'string') {
      console.error(`${commandLine}.\nUsage: ${USAGE}`);
      return 2;
    }
    const { slug, file } = commandLine;
    if (!(await inputFileExists(file, cliMessages().ordersFile))) return 1;
    const project = await loadProjectForCli(slug);
    if (!project) return 1;

    return withImportStorage(async (storage) => {
      const result = await importOrdersCsv({ project, storage, source: { path: file } });
      const messages = cliMessages().orders;
      if (!result.ok) {
        console.error(`${messages.refusedRows(file, result.problems.count, result.rows)}\n${result.problems.format(file)}`);
        return 1;
      }
      const lines = [messages.read(result.rows, file, slug, result.added, result.duplicates)];
      if (result.encoding !== 'utf-8') lines.push(cliMessages().links.readAs(ENCODING_LABELS[result.encoding]));
      if (result.repeatedRows > 0) lines.push(messages.repeated(result.repeatedRows));
      if (result.unknownCustomerOrders > 0) lines.push(messages.unknownCustomers(slug, result.unknownCustomerOrders));
      console.log(lines.join('\n'));
      return 0;
    });
  },
};

export default orders;
