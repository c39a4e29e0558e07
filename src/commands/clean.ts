import { createInterface } from 'node:readline/promises';
import type { Command } from './command.js';
import { clusterFlagHelp, clusterFlags, clusterOptions } from './cluster-options.js';
import { runClean } from '../cluster/clean.js';

async function askOnTerminal(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim());
  } finally {
    prompt.close();
  }
}

export const command: Command = {
  name: 'clean',
  usage: '[--context NAME] [--kubeconfig FILE] [--yes]',
  description:
    'Lists every namespace labelled app.kubernetes.io/managed-by=probelab (left behind by interrupted runs) and deletes them, ending their pods at once first (grace period 0) and waiting for each with a watch. On a terminal it asks first unless --yes is given; without a terminal it only lists them and exits 1 unless --yes is given.',
  options: {
    context: clusterFlags.context,
    kubeconfig: clusterFlags.kubeconfig,
    yes: { type: 'boolean', short: 'y' },
  },
  optionHelp: {
    context: clusterFlagHelp.context,
    kubeconfig: clusterFlagHelp.kubeconfig,
    yes: 'delete without asking',
  },
  async run({ values }, io) {
    return runClean(
      { ...clusterOptions(values, io, false), yes: values.yes === true },
      { out: (line) => io.out(line), err: (line) => io.err(line), isTTY: io.isTTY, confirm: askOnTerminal },
    );
  },
};
