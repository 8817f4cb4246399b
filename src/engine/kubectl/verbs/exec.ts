import type { Pod } from '../../api/types'
import { ApiError } from '../../apiserver/errors'
import type { Command } from '../command'
import { ExitError, KubectlError, usageError } from '../errors'
import { defaultContainer, hasContainer, podForObject } from './pod-for-object'

/** Programs that, run with `-i`, want a terminal: the UI opens a pod shell for them. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash', 'ksh'])

/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] -- COMMAND [args...]` (kubectl
 * `pkg/cmd/exec/exec.go`): resolve the pod (`TYPE/NAME` → its most active pod), default the
 * container, then POST `pods/exec`, which the API server refuses for a pod without a node
 * (`pod web does not have a host assigned`) or an unknown container, and the kubelet for a
 * container that is not running (`unable to upgrade connection: container not found`). A
 * non-zero exit ends kubectl with the same code and `command terminated with exit code N`.
 *
 * The command runs in the simulated container through the host's `execInPod` (the
 * playground's shell). `-it … sh` cannot be served by a one-shot engine call: it returns a
 * message and a `shell` request, with which the UI opens an interactive pod shell.
 */
export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  use: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'pod-running-timeout', type: 'duration', default: 60_000, usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'to use to exec into the resource' },
  ],
  run(ctx) {
    const f = ctx.flags
    // `ArgsLenAtDash`: the flag parser put everything after `--` at the end of args.
    const dash = f.argsLenAtDash()
    const resource = ctx.args.length > 0 && dash !== 0 ? ctx.args[0] : ''
    let command: string[] = []
    if (dash > -1) command = ctx.args.slice(dash)
    else if (ctx.args.length > 1 || (ctx.args.length > 0 && f.strings('filename').length))
      throw usageError(ctx.path, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead')
    if (f.strings('filename').length) throw new KubectlError("the playground's kubectl reads no files; name the pod instead (kubectl exec POD -- COMMAND)")
    if (!resource) throw new KubectlError('pod, type/name or --filename must be specified')
    if (command.length === 0) throw new KubectlError('you must specify at least one command for the container')

    const { pod } = podForObject(ctx, resource, 'active', 'exec')
    const phase = pod.status?.phase
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`)
    const quiet = f.bool('quiet')
    const container = f.string('container') || defaultContainer(ctx, pod, quiet)
    // The API server (`ExecLocation`): a known container, and a node to send the request to.
    if (!hasContainer(pod, container)) throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`)
    if (!pod.spec.nodeName) throw new ApiError(400, 'BadRequest', `pod ${pod.metadata.name} does not have a host assigned`)
    // The kubelet finds no running container to exec into (the stream upgrade fails).
    if (!containerRunning(pod, container)) throw new KubectlError(`unable to upgrade connection: container not found ("${container}")`)

    const ns = pod.metadata.namespace ?? ctx.namespace
    const name = pod.metadata.name ?? ''
    // An interactive shell: `-i`, a shell without `-c SCRIPT`, and nothing piped in.
    const interactive = f.bool('stdin') && SHELLS.has(command[0].slice(command[0].lastIndexOf('/') + 1)) && !command.slice(1).some((a) => /^-\w*c/.test(a))
    if (interactive && ctx.stdin === undefined) {
      ctx.out.shell = { namespace: ns, pod: name, container, command }
      ctx.out.err(`The playground runs one command at a time here, so it cannot hold an interactive ${command[0]} open. Opening a shell on pod ${name} (container ${container}) instead; or run a single command: kubectl exec ${name} -- ls /\n`)
      return
    }
    if (!ctx.host.execInPod) throw new KubectlError("the playground's kubectl cannot run commands in containers in this cluster (no exec hook)")
    const r = ctx.host.execInPod(ns, name, container, command, f.bool('stdin') ? ctx.stdin : undefined)
    ctx.out.out(r.stdout)
    ctx.out.err(r.stderr)
    if (r.code !== 0) throw new ExitError(`command terminated with exit code ${r.code}`, r.code)
  },
}

function containerRunning(pod: Pod, container: string): boolean {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]
  return !!all.find((s) => s.name === container)?.state?.running
}
