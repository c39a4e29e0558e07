// Flags every cluster-facing command shares, and how they become createCluster options.

import type { ParseArgsOptionsConfig } from 'node:util';
import type { ClusterOptions } from '../cluster/cluster.js';
import type { Io, ParsedArgs } from './command.js';

export const clusterFlags = {
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  'allow-context': { type: 'string', multiple: true },
} satisfies ParseArgsOptionsConfig;

export const clusterFlagHelp = {
  context: 'the kubeconfig context to use (default: the current context)',
  kubeconfig: 'the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)',
  'allow-context': 'allow fault injection on this context although it does not look disposable (repeatable)',
};

export function clusterOptions(values: ParsedArgs['values'], io: Io, guard: boolean): ClusterOptions {
  return {
    kubeconfig: values.kubeconfig as string | undefined,
    context: values.context as string | undefined,
    allowContexts: (values['allow-context'] as string[] | undefined) ?? [],
    env: io.env,
    guard,
  };
}
