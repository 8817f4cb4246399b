import type { KObject } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import { randomString } from '../../rng'
import type { CommandContext } from '../command'
import { KubectlError, PreformattedError, usageError } from '../errors'
import type { FlagDef } from '../flags'

/**
 * `kubectl create deployment NAME --image=I [--image=I2] [--replicas=N] [--port=P] [-- CMD…]`
 * (kubectl `pkg/cmd/create/create_deployment.go`). The Deployment is built as kubectl builds
 * it: labels and selector `app=NAME`; one container per image, named after the image's last
 * path segment without tag or digest (`registry.k8s.io/e2e-test-images/agnhost:2.39` →
 * `agnhost`; a name with `.` or `_` gets them turned into `-` plus a random 5-character
 * suffix); `--port` on the first container; the object shaped like Go's JSON of a typed
 * Deployment (`creationTimestamp: null`, `strategy: {}`, `resources: {}`, `status: {}`),
 * which is what `--dry-run=client -o yaml` prints. A failed create reads
 * `error: failed to create deployment: <server message>`.
 *
 * Plugged into `verbs/create.ts` as its `deployment` (`deploy`) subcommand.
 */
export const CREATE_DEPLOYMENT_FLAGS: FlagDef[] = [
  { name: 'image', type: 'stringSlice', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
  { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
  { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
]

export function createDeploymentGenerator(ctx: CommandContext, args: string[]): { resource: string; object: KObject; wrapError: (e: unknown) => unknown } {
  const path = 'kubectl create deployment'
  if (!ctx.flags.changed('image')) throw new PreformattedError('error: required flag(s) "image" not set')
  // `NameFromCommandArgs`: exactly one NAME before `--` (the subcommand word is not counted).
  const dash = ctx.flags.argsLenAtDash()
  const argsLen = dash === -1 ? args.length : dash - 1
  if (argsLen !== 1) throw usageError(path, `exactly one NAME is required, got ${argsLen}`)
  const name = args[0]
  const command = args.slice(1)
  const images = ctx.flags.strings('image')
  if (images.length > 1 && command.length > 0) throw new KubectlError('cannot specify multiple --image options and command')
  const port = ctx.flags.int('port')
  const labels = { app: name }
  const containers = images.map((image) => {
    const c: Record<string, unknown> = { name: containerName(ctx, image), image, resources: {} }
    if (command.length) c.command = command
    return c
  })
  if (port >= 0 && containers.length > 0) containers[0].ports = [{ containerPort: port }]
  const metadata: Record<string, unknown> = { creationTimestamp: null, labels, name }
  if (ctx.explicitNamespace) metadata.namespace = ctx.namespace
  const object = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: ctx.flags.int('replicas'),
      selector: { matchLabels: { ...labels } },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
    },
    status: {},
  } as unknown as KObject
  return {
    resource: 'deployments',
    object,
    wrapError: (e) => (e instanceof ApiError ? new KubectlError(`failed to create deployment: ${e.message}`) : e),
  }
}

/** `buildPodSpec`: the image's last path segment, without `:tag` or `@digest`, made DNS-friendly. */
export function containerName(ctx: CommandContext, image: string): string {
  let name = image.split('/').pop() ?? image
  if (name.includes(':')) name = name.split(':')[0]
  if (name.includes('@')) name = name.split('@')[0]
  // `sanitizeAndUniquify`: `_` and `.` become `-`, then a random suffix keeps names unique.
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${randomString(ctx.host.ctx.rng, 5)}`
  return name
}
