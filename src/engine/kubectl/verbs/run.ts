import type { KObject } from '../../api/types'
import { mergePatch } from '../../apiserver/patch'
import { dryRunStrategy, F, type Command, type CommandContext } from '../command'
import { KubectlError, PreformattedError } from '../errors'
import { outputFormat, printStructured } from '../printers/output'
import { ACTOR } from '../resources'

/**
 * `kubectl run NAME --image=I` (kubectl `pkg/cmd/run/run.go` with the `run-pod/v1` generator,
 * `pkg/generate/versioned/run.go` `BasicPod`): one Pod whose single container is named NAME,
 * labelled `run=NAME` unless `--labels` is given; arguments after NAME become the container's
 * `args`, or its `command` with `--command`; `--env`, `--port`, `--restart`
 * (Always|OnFailure|Never), `--image-pull-policy`, `--annotations`, `--overrides` (a JSON merge
 * patch over the generated Pod). Prints `pod/NAME created`.
 *
 * Not simulated: attaching (`-i`, `-t`, `--attach`, `--rm`) — there is no terminal to attach
 * to — and `--expose` (use `kubectl expose pod NAME --port=P`).
 */
export const runCommand: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  use: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
  flags: [
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    { name: 'labels', short: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'restart', type: 'string', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    { name: 'command', type: 'bool', usage: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
    { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
    { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container.' },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object.' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
    { name: 'attach', type: 'bool', usage: 'If true, wait for the Pod to start running, and then attach to the Pod.' },
    { name: 'rm', type: 'bool', usage: 'If true, delete the pod after it exits.' },
    { name: 'expose', type: 'bool', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress prompt messages.' },
    F.dryRun,
    F.output,
  ],
  run(ctx) {
    const f = ctx.flags
    if (!f.changed('image')) throw new PreformattedError('error: required flag(s) "image" not set')
    const dryRun = dryRunStrategy(f)
    const fmt = outputFormat(f.string('output'), ['', 'name', 'yaml', 'json'])
    // `Validate`.
    if (ctx.args.length === 0 || f.argsLenAtDash() === 0) throw new KubectlError('NAME is required for run')
    const image = f.string('image')
    if (!image) throw new KubectlError('--image is required')
    if (!isImageReference(image)) throw new KubectlError(`Invalid image name "${image}": invalid reference format`)
    const interactive = f.bool('stdin')
    if (f.bool('tty') && !interactive) throw new KubectlError('-i/--stdin is required for containers with -t/--tty=true')
    if (f.bool('expose') && !f.string('port')) throw new KubectlError('--port must be set when exposing a service')
    const restart = restartPolicy(f.string('restart'), interactive)
    const attach = f.bool('attach') || (interactive && !f.changed('attach'))
    if (!attach && f.bool('rm')) throw new KubectlError('--rm should only be used for attached containers')
    if (attach && dryRun !== 'none') throw new KubectlError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)")
    const pull = f.string('image-pull-policy')
    if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) throw new KubectlError(`invalid image pull policy: ${pull}`)
    if (attach) throw new KubectlError("the playground's kubectl cannot attach to a container (no terminal): drop -i/-t/--attach/--rm, then use 'kubectl logs' to read its output")
    if (f.bool('expose')) throw new KubectlError(`the playground's kubectl does not support run --expose; create the pod, then run 'kubectl expose pod ${ctx.args[0]} --port=${f.string('port')}'`)

    let pod = basicPod(ctx, ctx.args[0], ctx.args.slice(1), restart)
    const overrides = f.string('overrides')
    if (overrides) pod = applyOverrides(pod, overrides)
    let shown = pod
    if (dryRun === 'client') {
      if (ctx.explicitNamespace) shown = { ...pod, metadata: { ...pod.metadata, namespace: ctx.namespace } }
    } else shown = ctx.host.ctx.api.create('pods', { ...pod, metadata: { ...pod.metadata, namespace: ctx.namespace } }, { actor: ACTOR, dryRun: dryRun === 'server' })
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
    if (fmt === 'yaml' || fmt === 'json') ctx.out.out(printStructured(fmt, [shown], true))
    else ctx.out.out(fmt === 'name' ? `pod/${shown.metadata.name}\n` : `pod/${shown.metadata.name} created${suffix}\n`)
  },
}

/** `getRestartPolicy`: empty means Always (OnFailure when interactive). */
function restartPolicy(restart: string, interactive: boolean): string {
  if (!restart) return interactive ? 'OnFailure' : 'Always'
  if (['Always', 'OnFailure', 'Never'].includes(restart)) return restart
  throw new KubectlError(`invalid restart policy: ${restart}`)
}

/** `BasicPod.Generate`: the Pod shaped as Go's JSON of the typed object. */
function basicPod(ctx: CommandContext, name: string, args: string[], restart: string): KObject {
  const f = ctx.flags
  const labels = f.string('labels') ? parseLabels(f.string('labels')) : { run: name }
  const container: Record<string, unknown> = { name, image: f.string('image'), resources: {} }
  if (args.length) container[f.bool('command') ? 'command' : 'args'] = args
  const env = f.strings('env').map(parseEnv)
  if (env.length) container.env = env
  if (f.string('image-pull-policy')) container.imagePullPolicy = f.string('image-pull-policy')
  const port = f.string('port')
  if (port) container.ports = [{ containerPort: parsePort(port) }]
  const metadata: Record<string, unknown> = { creationTimestamp: null, labels, name }
  const annotations = f.strings('annotations')
  if (annotations.length) metadata.annotations = parseAnnotations(annotations)
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  } as unknown as KObject
}

/** `generate.ParseLabels`: `k=v,k2=v2`. */
export function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const part of spec.split(',')) {
    const kv = part.split('=')
    if (kv.length !== 2) throw new KubectlError(`unexpected label spec: ${part}`)
    if (!kv[0]) throw new KubectlError('unexpected empty label key')
    labels[kv[0]] = kv[1]
  }
  return labels
}

/** `parseEnvs`: `NAME=value`, NAME a C identifier-ish env var name. */
function parseEnv(s: string): { name: string; value: string } {
  const i = s.indexOf('=')
  const name = i < 0 ? '' : s.slice(0, i)
  if (i < 0 || !name || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw new KubectlError(`invalid env: ${s}`)
  return { name, value: s.slice(i + 1) }
}

/** `--annotations k=v` (the run generator's `ParsePairs`-like split at the first `=`). */
function parseAnnotations(items: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const a of items) {
    const i = a.indexOf('=')
    if (i <= 0) throw new KubectlError(`invalid annotation spec: ${a}`)
    out[a.slice(0, i)] = a.slice(i + 1)
  }
  return out
}

/** `utilsnet.ParsePort(s, true)`: strconv.ParseUint(s, 10, 16). */
function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new KubectlError(`strconv.ParseUint: parsing "${s}": invalid syntax`)
  const n = Number(s)
  if (n > 65535) throw new KubectlError(`strconv.ParseUint: parsing "${s}": value out of range`)
  return n
}

function applyOverrides(pod: KObject, overrides: string): KObject {
  let patch: unknown
  try {
    patch = JSON.parse(overrides)
  } catch (e) {
    throw new KubectlError(`error: unable to parse overrides: ${(e as Error).message}`)
  }
  return mergePatch(pod, patch) as KObject
}

/**
 * docker/distribution's `reference.ReferenceRegexp` (name[:tag][@digest]) in a compact form:
 * lower-case path components, optional registry host[:port], tag `[\w][\w.-]{0,127}`.
 */
export function isImageReference(s: string): boolean {
  const comp = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*'
  const domain = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?'
  const name = `(?:${domain}/)?${comp}(?:/${comp})*`
  const re = new RegExp(`^${name}(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`)
  return re.test(s)
}
