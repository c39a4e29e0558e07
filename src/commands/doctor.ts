import type { Command } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { runDoctor } from '../cluster/doctor.js';

export const command: Command = {
  name: 'doctor',
  usage: '[--context NAME] [--kubeconfig FILE]',
  description:
    'Prints the context and API server probelab would use (never credentials), the server version, whether the context passes the guard that protects non-disposable clusters from fault injection, and one line per RBAC permission probelab needs (checked with SelfSubjectAccessReview). Exit 0 when everything is in place, 3 when the server is unreachable, a permission is missing or the guard refuses the context.',
  options: clusterFlags,
  optionHelp: clusterFlagHelp,
  async run({ values }, io) {
    return runDoctor(clusterOptions(values, io, false), (line) => io.out(line));
  },
};
