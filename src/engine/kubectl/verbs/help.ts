import type { Command } from '../command'
import { REAL_VERBS } from '../unsupported'
import { COMMANDS, findCommand } from './index'

/**
 * `kubectl help` — the playground's own, not kubectl's: every verb this kubectl simulates with
 * its one-line summary, every kind the API server serves, and plainly what is not simulated.
 * `kubectl help VERB` is `kubectl VERB --help`.
 */
export const helpCommand: Command = {
  name: 'help',
  short: 'Help about any command',
  use: 'kubectl help [command]',
  flags: [],
  run(ctx) {
    if (ctx.args.length) {
      const cmd = findCommand(ctx.args[0])
      if (!cmd) {
        ctx.out.out(`Unknown help topic [\`${ctx.args[0]}\`]\n`)
        return
      }
      const flags = cmd.flags.map((f) => `    ${(f.short ? `-${f.short}, ` : '    ') + `--${f.name}`}`.padEnd(32) + (f.usage ?? ''))
      ctx.out.out(`${cmd.short}.\n\nOptions:\n${flags.join('\n')}\n\nUsage:\n  ${cmd.use}\n`)
      return
    }
    const verbs = [...COMMANDS].sort((a, b) => (a.name < b.name ? -1 : 1))
    const width = Math.max(...verbs.map((c) => c.name.length)) + 3
    const kinds = ctx.host.ctx.api.registry.all()
    const kindWidth = Math.max(...kinds.map((d) => d.kind.length)) + 3
    ctx.out.out(
      [
        "kubectl in Kube Playground: a kubectl that talks to the simulated cluster. Output, errors and exit codes",
        'are those of kubectl v1.33 wherever a command is simulated.',
        '',
        'Commands:',
        ...verbs.map((c) => `  ${c.name.padEnd(width)}${c.short}`),
        '',
        'Kinds (kubectl get <name>):',
        ...kinds.map((d) => `  ${d.kind.padEnd(kindWidth)}${[d.resource, ...d.shortNames].join(', ')}${d.group ? ` (${d.group})` : ''}`),
        '',
        'Streaming:',
        '  - get -w / --watch-only prints the objects now, then the console streams every later change',
        '  - exec -it POD -- sh opens a shell in the pod; rollout status reports the rollout as it is now;',
        "    logs -f prints the lines there are now (the pod's log panel follows them)",
        '',
        'Not simulated (these say so when used):',
        `  - commands: ${REAL_VERBS.join(', ')}`,
        '  - kinds not listed above (Secret, ConfigMap, StatefulSet, DaemonSet, Job, CronJob, Ingress, RBAC, CRDs, …)',
        '  - some real flags of the commands above (e.g. apply --prune / --server-side, get --chunk-size)',
        '  - files and a shell: -f reads only "-" (the editor\'s text); no pipes, redirections or $VARS',
        '  - editors and terminals: edit (use the YAML editor), run -i/-t',
        '  - kubeconfig editing (one context: kube-playground)',
        '',
        'Use "kubectl <command> --help" for the flags of a command, "kubectl explain <kind>" for the fields of a kind.',
        '',
      ].join('\n'),
    )
  },
}
