// Which kubeconfig files to read, in kubectl's order (client-go
// tools/clientcmd/loader.go, ClientConfigLoadingRules): an explicit --kubeconfig wins alone; else
// every file in $KUBECONFIG (path-list separated, empties skipped); else ~/.kube/config.

import path from 'node:path';

export type KubeconfigOrigin = '--kubeconfig' | 'KUBECONFIG' | 'default';

export interface KubeconfigSources {
  files: string[];
  origin: KubeconfigOrigin;
}

export function resolveKubeconfigSources(input: {
  flag?: string;
  env: NodeJS.ProcessEnv;
  home: string;
  delimiter?: string;
}): KubeconfigSources {
  if (input.flag) return { files: [path.resolve(input.flag)], origin: '--kubeconfig' };
  const list = input.env.KUBECONFIG;
  if (list) {
    const files = list.split(input.delimiter ?? path.delimiter).filter((file) => file.length > 0);
    // client-go drops duplicates from the list (deduplicate in loader.go) so a file is read once.
    const unique = [...new Set(files.map((file) => path.resolve(file)))];
    if (unique.length > 0) return { files: unique, origin: 'KUBECONFIG' };
  }
  return { files: [path.join(input.home, '.kube', 'config')], origin: 'default' };
}
