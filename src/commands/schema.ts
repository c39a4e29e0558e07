import { labJsonSchema } from '../lab/schema.js';
import { EXIT } from '../exit-codes.js';
import type { Command } from './command.js';

export const command: Command = {
  name: 'schema',
  usage: '',
  description:
    'Prints the JSON Schema of lab files (probelab.dev/v1). Save it (probelab schema > lab.schema.json) and reference it from a lab file with a first line "# yaml-language-server: $schema=../lab.schema.json" so editors complete and check it.',
  options: {},
  optionHelp: {},
  async run(_args, io) {
    io.out(JSON.stringify(labJsonSchema(), null, 2));
    return EXIT.ok;
  },
};
