// Picks the sub-command, parses its flags with node:util parseArgs, maps errors to exit codes.
// Everything else lives in src/commands/.

import { parseArgs } from 'node:util';
import { commands } from './commands/index.js';
import type { Command, Io } from './commands/command.js';
import { EXIT, UserError } from './exit-codes.js';

const VERSION = '0.1.0';

export function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'probelab — Kubernetes health-check labs that run and check themselves on a live cluster',
    '',
    'Usage: probelab <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `probelab <command> --help` for a command\'s options.',
    'Exit codes: 0 ok, 1 a lab or check failed, 2 bad input or config, 3 cluster unreachable or forbidden, 130 interrupted.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: probelab ${command.name} ${command.usage}`.trimEnd(), '', command.description];
  const names = Object.keys(command.options);
  if (names.length > 0) {
    lines.push('', 'Options:');
    const labels = names.map((name) => {
      const option = command.options[name]!;
      const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ' VALUE' : ''}`;
      return [flag, command.optionHelp[name] ?? ''] as const;
    });
    const width = Math.max(...labels.map(([flag]) => flag.length));
    for (const [flag, help] of labels) lines.push(`  ${flag.padEnd(width)}  ${help}`);
  }
  lines.push('  -h, --help  show this help');
  return lines.join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  // `npm start` in a terminal: offer a recorded run when there is no cluster (src/commands/demo.ts).
  if (name === undefined && io.isTTY) return (await import('./commands/demo.js')).noArguments(io, mainHelp());
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const entry = topic ? commands.find((c) => c.name === topic) : undefined;
    io.out(entry ? commandHelp(await entry.load()) : mainHelp());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(VERSION);
    return EXIT.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`probelab: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}`);
    return EXIT.badInput;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`probelab ${name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT.badInput;
  }
  try {
    return await command.run(parsed as Parameters<Command['run']>[0], io);
  } catch (error) {
    if (error instanceof UserError) {
      io.err(`probelab ${name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
