import { quote } from 'shell-quote'
import type { KObject } from '../api/types'
import { formatResolvConf, resolvConf } from '../net/dns'
import { parseImage } from '../kubelet/image-model'
import type { Dataplane } from '../net/dataplane/dataplane'
import { EXTERNAL_HOST } from '../net/dataplane/topology'
import { HOST_RESOLV_CONF, clientOf, traceEnv, type TraceRequest } from '../net/dataplane/tracer'
import { TEXT_TOOLS } from './builtins'
import { curlCommand } from './curl'
import { crictlCommand } from './crictl'
import { digCommand, nslookupCommand } from './dns-commands'
import { ipCommand, nodeInterfaces, nodeRoutes, podInterfaces, podRoutes } from './ip-command'
import { iptablesCommand, iptablesSaveCommand } from './iptables-commands'
import { conntrackCommand, ipsetCommand, ipvsadmCommand } from './kernel-commands'
import { containerEnv, linkedServices } from './pod-env'
import { fail, ok, runLine, type Command, type ShellResult } from './script'
import { wgetCommand } from './wget'

/**
 * The shells of the simulated hosts. `execOnNode(dp, 'node-1', 'iptables-save -t nat')` runs a
 * command line on a node (`'external'`: the host outside the cluster); `execInPod(dp, ns, pod,
 * container, 'curl -s http://web')` runs one inside a container — the `kubectl exec` hook.
 * Every network command moves packets through the data plane; every table command prints
 * the kernel state the tracer evaluates. Nothing throws: errors come back as
 * `{ code, stdout, stderr }` with the real tools' texts, unknown commands as
 * `sh: foo: not found` (127).
 *
 * In a pod, the network, DNS and `ip` commands are the data plane's; file commands (`cat` of
 * anything but resolv.conf/hosts/hostname, `ls`, `touch`, `rm`, `test`, `date`, `printf` …) run
 * in the container's own shell model through the kubelet runtime (`ExecSync`), against the
 * same files its command and its probes use.
 *
 * Playground: busybox and alpine images have no `curl` (use `wget`) and no `dig`; the
 * curlimages/curl image has no `dig`; every other image has the whole toolbox.
 */

export type { ShellResult }

function shell(env: Record<string, string>, commands: Record<string, Command>): { env: Record<string, string>; lookup: (n: string) => Command | undefined } {
  return { env, lookup: (n) => (Object.prototype.hasOwnProperty.call(commands, n) ? commands[n] : undefined) }
}

function safe(fn: () => ShellResult): ShellResult {
  try {
    return fn()
  } catch (e) {
    return fail(`sh: internal error: ${(e as Error).message}`, 1)
  }
}

export function execOnNode(dp: Dataplane, node: string, line: string): ShellResult {
  return safe(() => {
    if (node === EXTERNAL_HOST.name) return runLine(line, externalShell(dp))
    const topo = dp.topology()
    if (!topo.hasNode(node)) return fail(`error: host "${node}" not found`, 1)
    const ctx = topo.ctx
    const kernel = () => dp.kernel(node)
    const now = () => ctx.clock.now()
    const client = clientOf(dp, { from: 'node', node })
    if (typeof client === 'string') return fail(client)
    const dnsHost = { env: () => traceEnv(dp), origin: client.origin, conf: client.conf, style: 'bind' as const }
    const doTrace = (req: Omit<TraceRequest, 'from'>) => dp.trace({ ...req, from: 'node', node })
    const files: Record<string, string> = {
      '/etc/resolv.conf': formatResolvConf(HOST_RESOLV_CONF),
      '/etc/hostname': `${node}\n`,
      '/etc/hosts': `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${kernel().ip}\t${node}\n`,
    }
    const commands: Record<string, Command> = {
      ...TEXT_TOOLS,
      cat: catCommand(files, 'gnu'),
      'iptables-save': iptablesSaveCommand(kernel, now),
      'iptables-legacy-save': iptablesSaveCommand(kernel, now),
      iptables: iptablesCommand(kernel),
      'iptables-legacy': iptablesCommand(kernel),
      ipvsadm: ipvsadmCommand(kernel, now),
      ipset: ipsetCommand(kernel),
      conntrack: conntrackCommand(kernel, now),
      ip: ipCommand(() => nodeInterfaces(topo, node), () => nodeRoutes(topo, node)),
      curl: curlCommand(doTrace),
      nslookup: nslookupCommand(dnsHost),
      dig: digCommand(dnsHost),
      crictl: crictlCommand(() => topo.host.kubelets.get(node)?.runtime, ctx.api, now),
      hostname: (argv) => ok(`${argv.includes('-i') || argv.includes('-I') ? kernel().ip : node}\n`),
      env: () => ok(`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${node}\nHOME=/root\n`),
    }
    return runLine(line, shell({ PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: node, HOME: '/root' }, commands))
  })
}

function externalShell(dp: Dataplane) {
  const client = clientOf(dp, { from: 'external' }) as Exclude<ReturnType<typeof clientOf>, string>
  const dnsHost = { env: () => traceEnv(dp), origin: client.origin, conf: client.conf, style: 'bind' as const }
  const commands: Record<string, Command> = {
    ...TEXT_TOOLS,
    cat: catCommand({ '/etc/resolv.conf': formatResolvConf(HOST_RESOLV_CONF), '/etc/hostname': `${EXTERNAL_HOST.name}\n` }, 'gnu'),
    curl: curlCommand((req) => dp.trace({ ...req, from: 'external' })),
    nslookup: nslookupCommand(dnsHost),
    dig: digCommand(dnsHost),
    hostname: (argv) => ok(`${argv.includes('-i') ? EXTERNAL_HOST.ip : EXTERNAL_HOST.name}\n`),
    ip: ipCommand(() => podInterfaces(EXTERNAL_HOST.ip, '198.51.100.0/24', 3, 'external'), () => 'default via 198.51.100.1 dev eth0 \n198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.10 \n'),
  }
  return shell({ PATH: '/usr/bin:/bin', HOSTNAME: EXTERNAL_HOST.name, HOME: '/home/student' }, commands)
}

/** Commands an image does not ship (see the module comment). */
const MISSING: Record<string, string[]> = {
  'library/busybox': ['curl', 'dig'],
  'library/alpine': ['curl', 'dig'],
  'curlimages/curl': ['dig'],
}
const BUSYBOX_STYLE = new Set(['library/busybox', 'library/alpine', 'curlimages/curl'])
/** Commands `kubectl exec` hands to the container's own shell model (its files, its messages). */
const CONTAINER_COMMANDS = ['ls', 'touch', 'rm', 'mkdir', 'test', '[', 'date', 'printf', 'expr', 'tee']

export function execInPod(dp: Dataplane, namespace: string, podName: string, container: string | undefined, line: string): ShellResult {
  return safe(() => {
    const topo = dp.topology()
    const ctx = topo.ctx
    const pod = ctx.api.peek('pods', namespace, podName)
    if (!pod) return fail(`Error from server (NotFound): pods "${podName}" not found`, 1)
    const spec = (pod.spec?.containers ?? []) as { name: string; image: string }[]
    const cname = container ?? spec[0]?.name
    const c = spec.find((x) => x.name === cname)
    if (!c) return fail(`Error from server (BadRequest): container ${cname} is not valid for pod ${podName}`, 1)
    const phase = pod.status?.phase
    if (phase === 'Succeeded' || phase === 'Failed') return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}`, 1)
    const node: string | undefined = pod.spec?.nodeName
    const rp = node ? topo.host.kubelets.get(node)?.runtime.pod(pod.metadata.uid ?? '') : undefined
    const rc = rp?.containers.get(c.name)
    if (!node || !rc || rc.state !== 'running') return fail(`error: unable to upgrade connection: container not found ("${c.name}")`, 1)
    const client = clientOf(dp, { from: 'pod', namespace, pod: podName })
    if (typeof client === 'string') return fail(`error: ${client}`, 1)
    const repo = parseImage(c.image).repository
    const style = BUSYBOX_STYLE.has(repo) ? 'busybox' : 'bind'
    const hostname = client.hosts ? Object.keys(client.hosts).find((h) => h !== 'localhost') ?? podName : podName
    const services = linkedServices(pod, dp.services(), rc.startedAt ?? 0, (ts) => ctx.clock.parse(ts))
    const env = Object.fromEntries(containerEnv(pod, c.name, hostname, services))
    const ip: string = pod.status?.podIP ?? ''
    const k = dp.kernel(node)
    const dnsHost = { env: () => traceEnv(dp), origin: client.origin, conf: client.conf, style: style as 'bind' | 'busybox' }
    const doTrace = (req: Omit<TraceRequest, 'from'>) => dp.trace({ ...req, from: 'pod', namespace, pod: podName })
    const files: Record<string, string> = {
      '/etc/resolv.conf': formatResolvConf(resolvConf(pod)),
      '/etc/hostname': `${hostname}\n`,
      '/etc/hosts': hostsFile(pod, hostname, ip),
    }
    // File and text commands run in the container's own shell model, against its files
    // (what its command wrote, what probes read): the kubelet runtime's ExecSync.
    const runtime = topo.host.kubelets.get(node)?.runtime
    const inContainer = (name: string): Command => (argv) => {
      const r = runtime?.exec(pod.metadata.uid ?? '', c.name, [name, ...argv], 0)
      return r ? { code: r.exitCode, stdout: r.stdout, stderr: r.stderr } : fail(`error: unable to upgrade connection: container not found ("${c.name}")`, 1)
    }
    const containerCat = inContainer('cat')
    const commands: Record<string, Command> = {
      ...TEXT_TOOLS,
      ...Object.fromEntries(CONTAINER_COMMANDS.map((n) => [n, inContainer(n)])),
      cat: (argv, stdin) => (argv.length && argv.every((f) => !(f in files)) ? containerCat(argv, stdin) : catCommand(files, style === 'busybox' ? 'busybox' : 'gnu')(argv, stdin)),
      curl: curlCommand(doTrace),
      wget: wgetCommand(doTrace),
      nslookup: nslookupCommand(dnsHost),
      dig: digCommand(dnsHost),
      hostname: (argv) => ok(`${argv.includes('-i') ? ip : hostname}\n`),
      env: () => ok(Object.entries(env).map(([key, v]) => `${key}=${v}\n`).join('')),
      printenv: (argv) => (argv.length ? (argv[0] in env ? ok(`${env[argv[0]]}\n`) : { code: 1, stdout: '', stderr: '' }) : ok(Object.entries(env).map(([key, v]) => `${key}=${v}\n`).join(''))),
      ip: pod.spec?.hostNetwork
        ? ipCommand(() => nodeInterfaces(topo, node), () => nodeRoutes(topo, node))
        : ipCommand(() => podInterfaces(ip, k.podCIDR, 5 + (rp?.containers.size ?? 0), rp?.sandbox?.id ?? podName), () => podRoutes(ip, k.podCIDR, k.bridgeIP())),
    }
    for (const m of MISSING[repo] ?? []) delete commands[m]
    return runLine(line, shell(env, commands))
  })
}

/**
 * `kubectl exec POD [-c C] -- ARGV…`: the words after `--` are the command, exactly (no shell
 * of its own — `sh -c '…'` is how a pipeline runs in the container).
 *
 * @example
 *   execInPodArgv(dp, 'default', 'client', undefined, ['sh', '-c', 'curl -s web; curl -s web'])
 */
export function execInPodArgv(dp: Dataplane, namespace: string, podName: string, container: string | undefined, argv: string[]): ShellResult {
  if (!argv.length) return fail('error: you must specify at least one command for the container', 1)
  return execInPod(dp, namespace, podName, container, quote(argv))
}

/** The kubelet-managed /etc/hosts (`pkg/kubelet/kubelet_pods.go` managedHostsFileContent). */
function hostsFile(pod: KObject, hostname: string, ip: string): string {
  const sub: string | undefined = pod.spec?.subdomain
  const fqdn = sub ? `${hostname}.${sub}.${pod.metadata.namespace ?? 'default'}.svc.cluster.local\t${hostname}` : hostname
  return ['# Kubernetes-managed hosts file.', '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix', 'fe00::1\tip6-allnodes', 'fe00::2\tip6-allrouters', `${ip}\t${fqdn}`, ''].join('\n')
}

function catCommand(files: Record<string, string>, style: 'gnu' | 'busybox'): Command {
  return (argv, stdin) => {
    if (!argv.length) return ok(stdin)
    let out = ''
    for (const f of argv) {
      if (!(f in files)) return { code: 1, stdout: out, stderr: style === 'busybox' ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n` }
      out += files[f]
    }
    return ok(out)
  }
}
