// Which held objects an expectation's check reads: the dependency the incremental judge relies on.
// It must be exact in one direction: when reads() is false, check() gives what it gave before the
// observation. It may say true where nothing changed (that only costs a check).

import type { Expectation } from '../lab/schema.js';
import type { Touched } from '../timeline/timeline.js';
import { ownedByDeployment } from '../timeline/owners.js';
import { resolvePod } from './predicates.js';
import type { Bindings } from './world.js';

export function reads(expectation: Expectation, touched: Touched, bindings: Bindings): boolean {
  if ('pod' in expectation) {
    // An alias not bound yet reads nothing until an action binds it (that re-checks everything).
    const name = resolvePod(expectation.pod, bindings);
    return name !== undefined && touched.pods.some((pod) => pod.name === name);
  }
  if ('deployment' in expectation) {
    // The Deployment's own status, or (without a Deployment watch) the pods of its ReplicaSets,
    // before and after the change: a pod that left the Deployment changes its counts too.
    const name = expectation.deployment;
    return (
      touched.deployments.includes(name) ||
      touched.pods.some(({ before, after }) => (before !== undefined && ownedByDeployment(before, name)) || (after !== undefined && ownedByDeployment(after, name)))
    );
  }
  if ('endpoints' in expectation) return touched.services.includes(expectation.endpoints);
  return touched.events.length > 0;
}
