/**
 * Recognising a heartbeat (file-age) exec probe and reading its declared maximum heartbeat age
 * from the command, so that `explain` counts it in hang detection: such a probe only starts failing
 * once the file is that old.
 *
 * Recognised forms (inside `sh -c "…"` too):
 * - `test $(( $(date +%s) - $(stat -c %Y FILE) )) -lt N` (what the worker intent writes), also
 *   with `[ … ]`, `-le N` (N + 1 s) and `stat -c %Y` / `stat -f %m` / `date -r FILE +%s`;
 * - `find FILE -mmin -N` (N minutes) and `find FILE -newermt '-N seconds'` / `'N seconds ago'`
 *   (also minutes), usually piped to `grep .` or tested with `-n`.
 */

/** The file age (seconds) at which a heartbeat check starts failing; undefined when the command is not one. */
export function heartbeatMaxAgeSeconds(command: readonly unknown[]): number | undefined {
  const text = command.filter((w): w is string => typeof w === 'string').join(' ');
  if (text === '') return undefined;
  const fileAge = /\$\(\s*date\s+\+%s\s*\)\s*-\s*\$\(\s*(?:stat\s+-c\s*['"]?%Y['"]?|stat\s+-f\s*['"]?%m['"]?|date\s+-r)\b[^)]*\)/;
  if (fileAge.test(text)) {
    const cmp = /\)\s*\)?\s*\)?\s*-(lt|le)\s+(\d+(?:\.\d+)?)/.exec(text.slice(text.search(fileAge)));
    if (cmp) return Number(cmp[2]) + (cmp[1] === 'le' ? 1 : 0);
    return undefined;
  }
  const mmin = /\bfind\s+\S+.*?\s-mmin\s+-(\d+(?:\.\d+)?)/.exec(text);
  if (mmin) return Number(mmin[1]) * 60;
  const newer = /\bfind\s+\S+.*?\s-newermt\s+['"]?-?\s*(\d+(?:\.\d+)?)\s*(seconds?|secs?|minutes?|mins?)\b/.exec(text);
  if (newer) return Number(newer[1]) * (/^min/.test(newer[2]) ? 60 : 1);
  return undefined;
}
