/**
 * Checks what cdk8s writes, as it writes it. cdk8s validates before it renders, so a check at
 * validation has to render every object a second time (issue 11: it was most of the cost of synth
 * with its checks). Instead, each checked object's render is kept as it is made; once every object
 * of the group is rendered in the pass, the check runs over those very renders — escape-hatch
 * edits included, nothing cached across passes or rendered twice — and a problem fails the render
 * with cdk8s's own "Validation failed" message and the construct path, before the chart's YAML is
 * written (an app of several charts may already have written the charts rendered before it).
 *
 * Internal: used by the workload shapes and `ProbeIntents`.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** What a render check needs. */
export interface RenderCheckOptions {
  /** The objects checked together, in the order the check receives their renders. */
  readonly members: () => readonly Construct[];
  /** The problems in the renders (one per member still in the tree, in `members` order); empty when they hold. */
  readonly check: (renders: readonly Record<string, unknown>[]) => string[];
  /** The message for a member whose render throws; by default the error goes through unchanged. */
  readonly renderFailed?: (member: ApiObject, error: Error) => string;
}

/** A render check's failure (kept as it is when it passes through another check's render). */
class RenderCheckFailure extends Error {}

/** Installs a render check on `scope`'s group of objects. */
export function checkRenders(scope: Construct, options: RenderCheckOptions): void {
  const watched = new WeakSet<ApiObject>();
  const renders = new Map<ApiObject, Record<string, unknown>>();
  const fail = (problems: string[]): never => {
    throw new RenderCheckFailure(`Validation failed with the following errors:\n  ${problems.map((p) => `[${scope.node.path}] ${p}`).join('\n  ')}`);
  };
  // the group's objects, worked out on the first render of a pass (not on every render)
  let group: ApiObject[] | undefined;
  const rendered = (obj: ApiObject, json: Record<string, unknown>) => {
    renders.set(obj, json);
    // an object taken out of the tree (node.tryRemoveChild) is not rendered: the others are checked
    group ??= options.members().filter((m) => m.node.scope?.node.tryFindChild(m.node.id) === m).map((m) => ApiObject.of(m));
    for (const m of group) if (!renders.has(m)) return;
    const groupRenders = group.map((m) => renders.get(m)!);
    renders.clear();
    group = undefined;
    const problems = options.check(groupRenders);
    if (problems.length > 0) fail(problems);
  };
  const watch = (obj: ApiObject) => {
    if (watched.has(obj)) return;
    watched.add(obj);
    const render = obj.toJson.bind(obj);
    obj.toJson = (): any => {
      let json: Record<string, unknown>;
      try {
        json = render();
      } catch (e) {
        // another check on the same object (a shape's and its sidecars' ProbeIntents) failed: as it is
        if (!options.renderFailed || !(e instanceof Error) || e instanceof RenderCheckFailure) throw e;
        return fail([options.renderFailed(obj, e)]);
      }
      rendered(obj, json);
      return json;
    };
  };
  // cdk8s validates before every render pass (App.synth, Chart.toJson, Testing.synth, synthYaml):
  // a pass starts with no renders kept, and objects added since the last pass are watched
  scope.node.addValidation({
    validate: () => {
      renders.clear();
      group = undefined;
      for (const m of options.members()) watch(ApiObject.of(m));
      return [];
    },
  });
}
