import path from 'node:path';
import { Command } from 'commander';
import { doctorChecks } from '../environment/doctor-checks.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { builtinProbeSet, knownProbes } from '../probe/builtin-probe-set.js';
import type { CliContext } from './cli-context.js';

export function doctorCommand(context: () => CliContext): Command {
  return new Command('doctor')
    .description('show what stackhook found on this machine and the exact fix for anything missing')
    .option('--hierarchy <file>', 'hierarchy file', 'hierarchy/stacks.yaml')
    .option('--json', 'print the checks as JSON', false)
    .action(async (options: { hierarchy: string; json: boolean }) => {
      const { log, print } = context();
      const hierarchy = await loadHierarchy(options.hierarchy, knownProbes(builtinProbeSet())).catch(
        (error: Error) => {
          log.warn(`hierarchy: ${error.message}`);
          return undefined;
        },
      );
      const checks = await doctorChecks(log, hierarchy, path.dirname(path.resolve(options.hierarchy)));
      if (options.json) {
        print(JSON.stringify(checks, null, 2));
      } else {
        const width = Math.max(...checks.map((check) => check.name.length));
        for (const check of checks) {
          print(`${check.ok ? '✓' : '✗'} ${check.name.padEnd(width)}  ${check.found}`);
          if (check.fix) print(`  ${' '.repeat(width)}  fix: ${check.fix}`);
        }
      }
      if (checks.some((check) => !check.ok)) process.exitCode = 1;
    });
}
