import type { Command } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { runDoctor } from '../cluster/doctor.js';

export const command: Command = {
  name: 'doctor',
  usage: '[-n NAMESPACE] [--context NAME] [--kubeconfig FILE]',
  description:
    'Prints the context and API server probelab would use (never credentials), the server version, whether the context passes the guard that protects non-disposable clusters from fault injection, and one line per RBAC permission probelab needs (checked with SelfSubjectAccessReview); a missing one is named as `kubectl auth can-i` asks it. With -n NAMESPACE it checks for `probelab run -n NAMESPACE`: that the namespace exists, and the permissions inside it (no right on namespaces is needed then). Exit 0 when everything is in place, 3 when the server is unreachable, a permission or the namespace is missing, or the guard refuses the context.',
  options: { ...clusterFlags, namespace: { type: 'string', short: 'n' } },
  optionHelp: { ...clusterFlagHelp, namespace: 'check for `probelab run -n NAMESPACE`: the namespace and the permissions inside it' },
  async run({ values }, io) {
    return runDoctor(clusterOptions(values, io, false), (line) => io.out(line), values.namespace as string | undefined);
  },
};
