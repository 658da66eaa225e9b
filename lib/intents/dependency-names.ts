/**
 * Whether a probe's path, gRPC service or command names a dependency: the dependency's name as a
 * word, where "_", "-", "/", "." and any other non-alphanumeric character separate words
 * (`/health/db_postgres` names `postgres`).
 */
export function mentionsDependency(text: string, dependency: string): boolean {
  const escaped = dependency.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}([^a-z0-9]|$)`, 'i').test(text);
}
