import { formatLabError, loadLab } from '../lab/load.js';
import { discoverLabFiles } from '../lab/discover.js';
import { EXIT } from '../exit-codes.js';
import type { Command } from './command.js';

export const command: Command = {
  name: 'validate',
  usage: '<lab files or directories…>',
  description:
    'Checks each lab file against the lab format (probelab.dev/v1) and checks that its manifests exist, parse, and create the objects the steps refer to. Prints every problem as file:line:column field.path: message. Exit 0 when all are valid, 2 when any is not.',
  options: {},
  optionHelp: {},
  async run({ positionals }, io) {
    const files = await discoverLabFiles(positionals.length > 0 ? positionals : ['labs']);
    let invalid = 0;
    for (const file of files) {
      const result = await loadLab(file);
      if (result.ok) {
        io.out(`✔ ${file}  ${result.loaded.lab.metadata.name} — ${result.loaded.lab.metadata.title}`);
      } else {
        invalid++;
        io.out(`✘ ${file}`);
        for (const error of result.errors) io.err(formatLabError(error));
      }
    }
    io.out(invalid === 0 ? `${files.length} lab file${files.length === 1 ? '' : 's'} valid` : `${invalid} of ${files.length} lab files invalid`);
    return invalid === 0 ? EXIT.ok : EXIT.badInput;
  },
};
