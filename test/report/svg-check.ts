/**
 * A tiny well-formedness check for the SVG we write: one root element, every tag closed in order,
 * attributes quoted, no raw `&` or `<` in text. Returns the problems found (empty when well formed).
 */
export function svgProblems(svg: string): string[] {
  const problems: string[] = [];
  const body = svg.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body)) !== null) {
    const between = body.slice(last, m.index);
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(between)) problems.push(`bad text before offset ${m.index}: ${JSON.stringify(between.slice(0, 40))}`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) {
      roots++;
    }
  }
  const rest = body.slice(last);
  if (rest.trim() !== '') problems.push(`text after the root: ${JSON.stringify(rest.slice(0, 40))}`);
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
