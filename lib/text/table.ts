/**
 * Plain-text and Markdown tables, shared by every report the CLI prints (explain's timing tables,
 * the simulator's summary and event log). The lowest layer: knows nothing of probes.
 */

/** Display length in code points (surrogate pairs count once); the fast path covers the usual BMP-only text. */
export function displayLength(s: string): number {
  return /[\uD800-\uDFFF]/.test(s) ? [...s].length : s.length;
}

/** Options of {@link alignColumns}. */
export interface AlignOptions {
  /** Prefix of every line. */
  readonly indent?: string;
  /** Column indexes padded on the left (numbers). */
  readonly rightAligned?: ReadonlySet<number>;
}

/**
 * Lines of a column-aligned table: cells two spaces apart, the last column unpadded, trailing
 * spaces trimmed. Rows may differ in length.
 */
export function alignColumns(rows: readonly (readonly string[])[], options: AlignOptions = {}): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, displayLength(cell)); });
  const pad = (cell: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, widths[i] - displayLength(cell)));
    return options.rightAligned?.has(i) ? fill + cell : cell + fill;
  };
  return rows.map((row) => ((options.indent ?? '') + row.map((cell, i) => (i === row.length - 1 ? cell : pad(cell, i))).join('  ')).trimEnd());
}

/** Escapes text for one Markdown table cell. */
export function markdownCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** A Markdown table with a header row. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.map(markdownCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
  ].join('\n');
}
