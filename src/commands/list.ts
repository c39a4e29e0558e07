import { discoverLabFiles } from '../lab/discover.js';
import { formatDuration } from '../lab/duration.js';
import { estimateLabMs } from '../lab/estimate.js';
import { formatLabError, loadLab, type LoadedLab } from '../lab/load.js';
import { podTemplateOf } from '../model/pod-template.js';
import { EXIT } from '../exit-codes.js';
import { chooseLang } from '../i18n/lang.js';
import { inLang } from '../i18n/local-text.js';
import { alignColumns } from '../ui/text.js';
import type { Command } from './command.js';

export const command: Command = {
  name: 'list',
  usage: '[dir] [--lang en|ko]',
  description:
    "Lists the labs in a directory (default: labs) as a table: name, title, the probes the manifests declare (kind:handler), the faults the steps inject, and an estimated duration on a warm node: the oracle's latest predicted time for each probe-driven step (plus a typical container start), and the step's deadline where the step waits on something the oracle cannot time (an app's own timer, init containers, a back-off), so those labs are estimated from above.",
  options: { lang: { type: 'string' } },
  optionHelp: { lang: "language of the labs' titles: en or ko (default: from LC_ALL, LC_MESSAGES or LANG)" },
  async run({ positionals, values }, io) {
    const lang = chooseLang(values.lang as string | undefined, io.env);
    const files = await discoverLabFiles(positionals.length > 0 ? positionals : ['labs']);
    const rows: string[][] = [];
    let invalid = 0;
    for (const file of files) {
      const result = await loadLab(file);
      if (!result.ok) {
        invalid++;
        for (const error of result.errors) io.err(formatLabError(error));
        continue;
      }
      const loaded = result.loaded;
      rows.push([loaded.lab.metadata.name, inLang(loaded.texts.title, lang), probesOf(loaded).join(' '), faultsOf(loaded).join(', ') || '-', `~${formatDuration(estimateLabMs(loaded))}`]);
    }
    io.out(alignColumns([['NAME', 'TITLE', 'PROBES', 'FAULTS', 'EST.'], ...rows]).join('\n'));
    return invalid === 0 ? EXIT.ok : EXIT.badInput;
  },
};

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

function probesOf(loaded: LoadedLab): string[] {
  const found = new Set<string>();
  for (const object of loaded.manifests.flatMap((m) => m.objects)) {
    const spec = podTemplateOf(object)?.spec;
    for (const container of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
      for (const kind of ['startup', 'readiness', 'liveness'] as const) {
        const probe = container[`${kind}Probe`];
        const handler = probe && HANDLERS.find((h) => probe[h] !== undefined);
        if (handler) found.add(`${kind}:${handler}`);
      }
    }
    if (spec?.readinessGates?.length) found.add('readinessGate');
  }
  return [...found];
}

function faultsOf(loaded: LoadedLab): string[] {
  const faults = new Set<string>();
  for (const action of loaded.lab.spec.steps.flatMap((step) => step.do ?? [])) {
    if ('exec' in action) faults.add(`exec ${action.exec.command[0] === 'sh' ? 'sh -c' : action.exec.command[0]}`);
    else if ('signal' in action) faults.add(action.signal.signal);
    else if ('patchStatus' in action) faults.add('patchStatus');
    else if ('delete' in action) faults.add('delete');
    else if ('scale' in action) faults.add('scale');
  }
  return [...faults];
}

