/**
 * Where the project lives on the web: the one place the repository and documentation URLs are
 * written in code (package.json's repository, homepage and bugs say the same; a test holds them
 * together). Used for SARIF `helpUri` / `informationUri` and anywhere a message links to the docs.
 */

/** The source repository. */
export const REPOSITORY_URL = 'https://github.com/cdk8s-probes/cdk8s-probes';

/** The documentation folder of the default branch, as the registry page and SARIF viewers link it. */
export const DOCS_URL = `${REPOSITORY_URL}/blob/main/docs`;

/** The documentation of one rule: its anchor in docs/rules.md (the heading is the rule id). */
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_URL}/rules.md#${ruleId}`;
}
