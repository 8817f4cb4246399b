import type { Command } from '../command'
import { KubectlError, usageError } from '../errors'
import { goYaml } from '../printers/goyaml'
import { TABLE, TabWriter } from '../printers/tabwriter'
import { CONTROL_PLANE_URL } from './cluster-info'

/**
 * `kubectl config` for the playground's one kubeconfig: a single cluster, user and context,
 * all named `kube-playground` (kind names them `kind-kind`). `config view` prints it as kubectl
 * does without `--raw` (`clientcmdapi.ShortenConfig`): the CA as `DATA+OMITTED`, the client
 * certificate as `DATA+OMITTED` and the client key as `REDACTED`. `current-context`,
 * `get-contexts`, `get-clusters`, `get-users` and `use-context kube-playground` work; editing
 * the kubeconfig (`set-context`, `set-cluster`, …) is not simulated.
 */
export const CONTEXT = 'kube-playground'

function kubeconfig(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: CONTROL_PLANE_URL }, name: CONTEXT }],
    contexts: [{ context: { cluster: CONTEXT, user: CONTEXT }, name: CONTEXT }],
    'current-context': CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [{ name: CONTEXT, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'REDACTED' } }],
  }
}

export const configCommand: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  use: 'kubectl config SUBCOMMAND',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: 'yaml', usage: 'Output format.' },
    { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
    { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
    { name: 'flatten', type: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output' },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers." },
  ],
  run(ctx) {
    const [sub, ...args] = ctx.args
    switch (sub) {
      case 'view': {
        const out = ctx.flags.string('output')
        if (ctx.flags.bool('raw')) throw new KubectlError("the playground's kubeconfig has no real credentials to show; 'kubectl config view' shows everything there is")
        if (out === 'json') return ctx.out.out(JSON.stringify(kubeconfig(), null, 4) + '\n')
        if (out !== 'yaml') throw new KubectlError(`the playground's kubectl prints 'config view' as yaml or json only`)
        return ctx.out.out(goYaml(kubeconfig()))
      }
      case 'current-context':
        return ctx.out.out(`${CONTEXT}\n`)
      case 'get-contexts': {
        if (args.length && args[0] !== CONTEXT) throw new KubectlError(`context ${args[0]} not found`)
        const w = new TabWriter(TABLE)
        if (!ctx.flags.bool('no-headers')) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n')
        w.write(`*\t${CONTEXT}\t${CONTEXT}\t${CONTEXT}\t\n`)
        return ctx.out.out(w.flush())
      }
      case 'get-clusters':
        return ctx.out.out(`NAME\n${CONTEXT}\n`)
      case 'get-users':
        return ctx.out.out(`NAME\n${CONTEXT}\n`)
      case 'use-context':
      case 'use': {
        if (args.length !== 1) throw usageError('kubectl config use-context', 'Unexpected args: ' + `[${args.join(' ')}]`)
        if (args[0] !== CONTEXT) throw new KubectlError(`no context exists with the name: "${args[0]}"`)
        return ctx.out.out(`Switched to context "${CONTEXT}".\n`)
      }
      case undefined:
        throw usageError('kubectl config', 'a subcommand is required: view, current-context, get-contexts, get-clusters, get-users, use-context')
      default:
        throw new KubectlError(`the playground's kubectl does not simulate 'kubectl config ${sub}': there is one kubeconfig with one context (${CONTEXT})`)
    }
  },
}
