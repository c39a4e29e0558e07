// Loads the kubeconfig the way kubectl does and picks the context. client-node's loadFromDefault
// throws on a name defined in two $KUBECONFIG files and lets the last file's current-context win;
// kubectl's rule (client-go tools/clientcmd/loader.go, "the first file to set a particular map key
// wins", same for current-context) is followed here instead. Auth entries (tokens, client certs,
// exec plugins, auth providers) are left exactly as client-node parsed them, so its ExecAuth keeps
// running exec credential plugins.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { EXIT, UserError } from '../exit-codes.js';
import { resolveKubeconfigSources, type KubeconfigSources } from './kubeconfig-sources.js';
import { displayServer, redact } from './redact.js';

export interface KubeconfigSelection {
  kubeconfig?: string;
  context?: string;
  env: NodeJS.ProcessEnv;
  home?: string;
}

export interface LoadedKubeconfig {
  kc: KubeConfig;
  context: string;
  /** The server URL without credentials. */
  server: string;
  sources: KubeconfigSources;
}

export function homeDirectory(env: NodeJS.ProcessEnv): string {
  return env.HOME || os.homedir();
}

function readConfig(file: string): KubeConfig | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read kubeconfig ${file}: ${redact((error as Error).message)}`, EXIT.badInput);
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (error) {
    throw new UserError(`kubeconfig ${file} is not valid: ${redact((error as Error).message)}`, EXIT.badInput);
  }
  // Relative certificate/key paths are relative to the file that names them (as loadFromFile does).
  kc.makePathsAbsolute(path.dirname(file));
  return kc;
}

function mergeFirstWins(into: KubeConfig, from: KubeConfig): void {
  const clusters = new Set(into.getClusters().map((entry) => entry.name));
  const users = new Set(into.getUsers().map((entry) => entry.name));
  const contexts = new Set(into.getContexts().map((entry) => entry.name));
  for (const cluster of from.getClusters()) if (!clusters.has(cluster.name)) into.addCluster(cluster);
  for (const user of from.getUsers()) if (!users.has(user.name)) into.addUser(user);
  for (const context of from.getContexts()) if (!contexts.has(context.name)) into.addContext(context);
  if (!into.getCurrentContext() && from.getCurrentContext()) into.setCurrentContext(from.getCurrentContext());
}

export function loadKubeconfig(selection: KubeconfigSelection): LoadedKubeconfig {
  const sources = resolveKubeconfigSources({
    flag: selection.kubeconfig,
    env: selection.env,
    home: selection.home ?? homeDirectory(selection.env),
  });
  let merged: KubeConfig | undefined;
  for (const file of sources.files) {
    const kc = readConfig(file);
    if (!kc) {
      // kubectl ignores missing files in $KUBECONFIG but not an explicit --kubeconfig.
      if (sources.origin === '--kubeconfig') throw new UserError(`kubeconfig ${file} does not exist`, EXIT.badInput);
      continue;
    }
    if (merged) mergeFirstWins(merged, kc);
    else merged = kc;
  }
  if (!merged) {
    throw new UserError(
      `no kubeconfig found (looked in ${sources.files.join(', ')} from ${sources.origin}); pass --kubeconfig FILE or set KUBECONFIG`,
      EXIT.badInput,
    );
  }
  const context = selection.context ?? merged.getCurrentContext();
  const names = merged.getContexts().map((entry) => entry.name);
  if (!context) {
    throw new UserError(`the kubeconfig has no current-context; pass --context (one of: ${names.join(', ') || 'none'})`, EXIT.badInput);
  }
  const contextObject = merged.getContextObject(context);
  if (!contextObject) {
    throw new UserError(`context "${context}" is not in the kubeconfig (contexts: ${names.join(', ') || 'none'})`, EXIT.badInput);
  }
  merged.setCurrentContext(context);
  const cluster = merged.getCurrentCluster();
  if (!cluster) {
    throw new UserError(`context "${context}" names cluster "${contextObject.cluster}", which the kubeconfig does not define`, EXIT.badInput);
  }
  if (!merged.getCurrentUser() && contextObject.user) {
    throw new UserError(`context "${context}" names user "${contextObject.user}", which the kubeconfig does not define`, EXIT.badInput);
  }
  return { kc: merged, context, server: displayServer(cluster.server), sources };
}
