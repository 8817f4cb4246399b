import type { Container } from '../api/types'
import type { ImageFacts } from './image-model'

/**
 * ## Simulated containers
 *
 * No container runs. What a container does comes from its image and its `command`/`args`;
 * everything happens on the virtual clock and is deterministic.
 *
 * **Server images** (nginx, httpd, redis, agnhost, and any image the playground does not know)
 * start listening at once and run until stopped:
 * - They listen on their `containerPort`s, plus the port the real image uses (nginx and httpd
 *   80, redis 6379, agnhost `netexec` 8080, `serve-hostname` 9376, `liveness` 8080). Any other
 *   port is closed: a TCP connect is refused (`dial tcp 10.244.1.2:8080: connect: connection
 *   refused`), an HTTP request fails the same way, a gRPC health check times out.
 * - HTTP: any path answers `200` with the pod's name (like agnhost `serve-hostname`, so load
 *   balancing is visible), except agnhost `liveness`, which — as in the Kubernetes docs —
 *   answers `/healthz` with 200 for its first 10 s and 500 after. gRPC health checks answer
 *   SERVING; tcpSocket probes connect.
 * - Logs: nginx prints its docker-entrypoint banner and an access line per request
 *   (`10.244.1.1 - - [01/Jan/2026:00:00:12 +0000] "GET / HTTP/1.1" 200 9 "-" "kube-probe/1.33" "-"`),
 *   httpd its own banner and common-log lines, other servers nginx-like access lines.
 * - On SIGTERM they exit promptly with 143 (128 + 15).
 *
 * **Shell images** (busybox, alpine, ubuntu, debian, curl) run their command with a tiny shell
 * (`shell.ts`, `shell-run.ts`, `shell-commands.ts`): `sh -c '…'` scripts and exec-form
 * commands (`["sleep", "3600"]`). It understands `;`, `&&`, `||`, `|`, newlines, `while`/
 * `until`/`for`/`if`, `{ …; }`, variables (`i=0`, `$i`, `${i:-0}`, `$((i+1))`, `$(date)`),
 * redirections (`>`, `>>`, `2>&1`) and the commands `sleep`, `exit`, `true`, `false`, `echo`,
 * `printf`, `cat`, `touch`, `rm`, `mkdir`, `ls`, `test`/`[`, `date`, `hostname`, `env`, `expr`,
 * `wc`, `grep`, `head`, `tail` (`-f` runs forever), `tee`. Errors use busybox's texts on
 * busybox/alpine/curl (`cat: can't open '/tmp/healthy': No such file or directory`) and GNU's on
 * the others (`cat: /tmp/healthy: No such file or directory`). A command it does not know
 * succeeds silently. Starting `nginx`, `httpd` (busybox `httpd -f -p 8080`) or `nc -l -p N`
 * turns the process into a server on that port. No command at all runs the image's `sh`, which
 * exits 0 at once (no stdin): the classic `kubectl run --image=busybox` that completes.
 * - Time: only `sleep` takes time. A script ends (and the container exits with its status)
 *   when it runs out; `while true; do …; done` without `exit`/`break`, `sleep infinity` and
 *   `tail -f` run forever. A loop that never sleeps is stopped after 5,000 commands and the
 *   process just spins.
 * - Files: each container instance starts with a fresh filesystem (a restart runs `touch`
 *   again), except under a `volumeMounts` path, which is the pod's volume shared by its
 *   containers (an init container can prepare files for the app container).
 * - What the script prints (`echo`, `cat`, error messages) is the container's log, line by
 *   line with the virtual time (`kubectl logs`, `--previous` for the last instance).
 * - A shell is PID 1 and ignores SIGTERM, so a deleted pod's shell container is killed with
 *   SIGKILL (137) when the grace period ends — why `busybox` pods take 30 s to delete.
 *
 * **Probes and hooks** run against this model: `exec` runs its command in the container's
 * shell against its current files (only its `sleep`s take time: a command that sleeps longer
 * than `timeoutSeconds` times out), `httpGet`/`tcpSocket`/`grpc` reach the ports above. So the
 * docs' liveness-exec example (`touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`,
 * probe `cat /tmp/healthy` every 5 s after 5 s) turns unhealthy 30 s in, is killed after three
 * failures and restarted, and RESTARTS climbs. Faults (`faults.ts`) can crash a container
 * or force a probe to fail or succeed.
 *
 * **Not modelled:** CPU and memory use (OOMKilled only through the crash fault), signals
 * other than TERM/KILL, `trap`, background jobs (`&` runs in the foreground), pipes between
 * sleeping commands, the network from inside a container (`wget`/`curl`/`nslookup` succeed
 * silently here; the data-plane helpers answer them where wired).
 */

export type ServerKind = 'nginx' | 'httpd' | 'redis' | 'agnhost-liveness' | 'agnhost' | 'generic'

export type Behaviour =
  | { kind: 'server'; server: ServerKind; ports: number[]; version: string; flavour: 'busybox' | 'gnu'; onTerm: 'exit' }
  | {
      kind: 'script'
      /** The shell script to run (exec-form commands are quoted into one). */
      script: string
      /** Message flavour of the image's userland. */
      flavour: 'busybox' | 'gnu'
      /** Ports a server started from the script listens on besides those it names. */
      ports: number[]
      onTerm: 'ignore'
    }

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash'])
const BUSYBOX_REPOS = /(^|\/)(busybox|alpine|curl)$/

export function containerBehaviour(c: Container, facts: Pick<ImageFacts, 'kind' | 'ref'>): Behaviour {
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String)
  const declared = (c.ports ?? []).map((p) => p.containerPort)
  const repo = facts.ref.repository
  const first = argv[0] ?? ''
  const scripted = SHELLS.has(first) || first === 'sleep' || first === '/bin/sleep'
  const flavour = BUSYBOX_REPOS.test(repo) || /alpine/.test(facts.ref.tag) ? 'busybox' : 'gnu'
  if (facts.kind === 'server' && !scripted) return server(repo, facts.ref.tag, argv, declared, flavour)
  const defaults = defaultPorts(repo, [])
  const ports = [...new Set([...declared, ...defaults])]
  if (argv.length === 0) return { kind: 'script', script: 'exit 0', flavour, ports, onTerm: 'ignore' }
  let script: string
  if (SHELLS.has(first)) {
    const i = argv.indexOf('-c')
    script = i >= 0 ? (argv[i + 1] ?? '') : ''
  } else script = argv.map(shellQuote).join(' ')
  return { kind: 'script', script, flavour, ports, onTerm: 'ignore' }
}

function server(repo: string, tag: string, argv: string[], declared: number[], flavour: 'busybox' | 'gnu'): Behaviour {
  const name = repo.split('/').pop() ?? ''
  let kind: ServerKind = 'generic'
  if (name === 'nginx') kind = 'nginx'
  else if (name === 'httpd') kind = 'httpd'
  else if (name === 'redis') kind = 'redis'
  else if (name === 'agnhost') kind = argv[0] === 'liveness' ? 'agnhost-liveness' : 'agnhost'
  const ports = [...new Set([...declared, ...defaultPorts(repo, argv)])]
  const version = /^\d+(\.\d+)*/.exec(tag)?.[0] ?? ''
  return { kind: 'server', server: kind, ports, version, flavour, onTerm: 'exit' }
}

/** The ports the real image listens on without being told. */
export function defaultPorts(repo: string, argv: string[]): number[] {
  const name = repo.split('/').pop() ?? ''
  if (name === 'nginx' || name === 'httpd') return [80]
  if (name === 'redis') return [6379]
  if (name === 'agnhost') {
    const flag = (f: string, d: number) => {
      const a = argv.find((x) => x.startsWith(`--${f}=`))
      return a ? Number(a.split('=')[1]) || d : d
    }
    if (argv[0] === 'liveness') return [8080]
    if (argv[0] === 'netexec') return [flag('http-port', 8080)]
    if (argv[0] === 'serve-hostname') return [flag('port', 9376)]
    if (argv[0] === 'test-webserver') return [80]
  }
  return []
}

/** Quote a word for the shell so exec-form arguments survive re-parsing. */
export function shellQuote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`
}
