export type Cell = string | number;

/**
 * A plain-text table: a title line, a header row and columns padded to their widest cell.
 * Numbers are right-aligned so digits line up; text is left-aligned.
 */
export function formatTable(title: string, rows: readonly Record<string, Cell>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const text = (row: Record<string, Cell>, column: string) => formatCell(row[column]);
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => text(row, column).length)));
  const line = (cells: string[], rightAligned: boolean[]) =>
    cells
      .map((cell, index) => (rightAligned[index] ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join('  ')
      .trimEnd();
  const numeric = columns.map((column) => rows.every((row) => typeof row[column] !== 'string'));
  return [
    title,
    line(columns, numeric),
    line(
      widths.map((width) => '─'.repeat(width)),
      numeric,
    ),
    ...rows.map((row) =>
      line(
        columns.map((column) => text(row, column)),
        numeric,
      ),
    ),
  ].join('\n');
}

/** A figure → value record (what most benches return) as a two-column table. */
export function formatFigures(title: string, figures: Readonly<Record<string, Cell | boolean>>): string {
  return formatTable(
    title,
    Object.entries(figures).map(([figure, value]) => ({ figure, value: typeof value === 'boolean' ? String(value) : value })),
  );
}

function formatCell(value: Cell | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? value.toLocaleString('en-US').replaceAll(',', ' ') : String(value);
}
