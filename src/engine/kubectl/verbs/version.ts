import { KubectlError } from '../errors'
import { goYaml } from '../printers/goyaml'
import type { Command } from '../command'

/**
 * `kubectl version` (kubectl `pkg/cmd/version/version.go`): the playground's kubectl and API
 * server both report v1.33.1, with the Kustomize version kubectl v1.33 embeds. `--client`
 * leaves the server out; `-o yaml|json` print the `version.Info` structs (JSON indented by two
 * spaces, fields in struct order, as kubectl's `json.MarshalIndent`).
 */
export const KUBECTL_VERSION = 'v1.33.1'
export const KUSTOMIZE_VERSION = 'v5.6.0'

const info = () => ({
  major: '1',
  minor: '33',
  gitVersion: KUBECTL_VERSION,
  gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T08:19:08Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
})

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  use: 'kubectl version [flags]',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  run(ctx) {
    const out = ctx.flags.string('output')
    const client = ctx.flags.bool('client')
    if (out !== '' && out !== 'yaml' && out !== 'json') throw new KubectlError('--output must be \'yaml\' or \'json\'')
    if (out === '') {
      ctx.out.out(`Client Version: ${KUBECTL_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`)
      if (!client) ctx.out.out(`Server Version: ${KUBECTL_VERSION}\n`)
      return
    }
    const v: Record<string, unknown> = { clientVersion: info(), kustomizeVersion: KUSTOMIZE_VERSION }
    if (!client) v.serverVersion = info()
    ctx.out.out(out === 'json' ? JSON.stringify(v, null, 2) + '\n' : goYaml(v))
  },
}
