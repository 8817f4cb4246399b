import { beforeEach, describe, expect, it } from 'vitest'
import type { Pod, PodStatus } from '../../api/types'
import type { KubectlHost, PodLogLine } from '../command'
import { runKubectl } from '../kubectl'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'
import { containerLogStatusError } from './logs'

let h: Harness
let host: KubectlHost
const calls: string[] = []
const LOGS: Record<string, PodLogLine[]> = {
  'default/web-1/web': [
    { at: 1_000, text: '10.244.2.1 - - "GET / HTTP/1.1" 200' },
    { at: 2_500, text: '10.244.2.1 - - "GET /a HTTP/1.1" 404' },
    { at: 61_000, text: '10.244.3.1 - - "GET / HTTP/1.1" 200' },
  ],
  'default/two/a': [{ at: 0, text: 'from a' }],
  'default/two/b': [{ at: 0, text: 'from b' }],
}
const k = (line: string, stdin?: string) => runKubectl(host, line, stdin)

beforeEach(() => {
  h = kubectlHarness()
  calls.length = 0
  host = {
    ...h.host,
    logs: (ns, pod, container, { previous }) => {
      calls.push(`logs ${ns}/${pod}/${container}${previous ? ' previous' : ''}`)
      return previous ? [{ at: 0, text: 'panic: boom' }] : (LOGS[`${ns}/${pod}/${container}`] ?? [])
    },
    execInPod: (ns, pod, container, argv, stdin) => {
      calls.push(`exec ${ns}/${pod}/${container} ${JSON.stringify(argv)}${stdin !== undefined ? ' stdin=' + stdin : ''}`)
      if (argv[0] === 'cat') return { code: 1, stdout: '', stderr: `cat: can't open '${argv[1]}': No such file or directory\n` }
      return { code: 0, stdout: `${pod}\n`, stderr: '' }
    },
  }
  addNode(h, 'node-1', '172.18.0.2')
  addPod(h, 'web-1', { labels: { app: 'web' }, node: 'node-1' })
  setStatus(h, 'web-1', runningStatus('10.244.1.2', '172.18.0.2', h.at(0), 1))
  addPod(h, 'two', { node: 'node-1', containers: [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'busybox:1.36' }] })
  const st = runningStatus('10.244.1.3', '172.18.0.2', h.at(0))
  st.containerStatuses = ['a', 'b'].map((name) => ({ ...st.containerStatuses![0], name }))
  setStatus(h, 'two', st)
  h.advance(120_000)
})

describe('kubectl logs', () => {
  it('prints the lines; --tail, --since, --timestamps, --prefix', () => {
    expect(k('logs web-1')).toEqual({ code: 0, stdout: LOGS['default/web-1/web'].map((l) => l.text + '\n').join(''), stderr: '' })
    expect(k('logs web-1 --tail=1').stdout).toBe('10.244.3.1 - - "GET / HTTP/1.1" 200\n')
    expect(k('logs web-1 --tail=0').stdout).toBe('')
    expect(k('logs web-1 --since=60s').stdout).toBe('10.244.3.1 - - "GET / HTTP/1.1" 200\n')
    expect(k('logs web-1 --timestamps --tail=2').stdout).toBe('2026-01-01T00:00:02.5Z 10.244.2.1 - - "GET /a HTTP/1.1" 404\n2026-01-01T00:01:01Z 10.244.3.1 - - "GET / HTTP/1.1" 200\n')
    expect(k('logs pod/web-1 --prefix --tail=1').stdout).toBe('[pod/web-1/web] 10.244.3.1 - - "GET / HTTP/1.1" 200\n')
    expect(k('logs web-1 -p').stdout).toBe('panic: boom\n')
  })

  it('several containers: the first by default, said on stderr; -c and the inline container; --all-containers', () => {
    expect(k('logs two')).toEqual({ code: 0, stdout: 'from a\n', stderr: 'Defaulted container "a" out of: a, b\n' })
    expect(k('logs two -c b')).toEqual({ code: 0, stdout: 'from b\n', stderr: '' })
    expect(k('logs two b').stdout).toBe('from b\n')
    expect(k('logs two --all-containers').stdout).toBe('from a\nfrom b\n')
  })

  it('-l: every matching pod, ten lines each by default', () => {
    expect(k('logs -l app=web').stdout).toBe(LOGS['default/web-1/web'].map((l) => l.text + '\n').join(''))
    expect(k('logs -l app=none')).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' })
  })

  it('containers that have not started: the kubelet\'s reasons, as BadRequest', () => {
    addPod(h, 'new', { node: 'node-1' })
    expect(k('logs new')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): container "web" in pod "new" is not available\n' })
    setStatus(h, 'new', { phase: 'Pending', containerStatuses: [{ name: 'web', image: 'nginx', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] })
    expect(k('logs new')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (BadRequest): container "web" in pod "new" is waiting to start: ContainerCreating\n' })
    expect(calls).toEqual([])
  })

  it.each<[string, string]>([
    ['logs', "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
    ['logs web-1 -l app=web', "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n"],
    ['logs two c', 'error: container c is not valid for pod two out of: a, b\n'],
    ['logs two b -c a', 'error: only one of -c or an inline [CONTAINER] arg is allowed\n'],
    ['logs web-1 --tail=-2', 'error: --tail must be greater than or equal to -1\n'],
    ['logs nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['logs deploy/nope', 'Error from server (NotFound): deployments.apps "nope" not found\n'],
  ])('%s', (line, stderr) => expect(k(line)).toEqual({ code: 1, stdout: '', stderr }))

  it('-f is refused: the engine cannot stream', () => {
    const r = k('logs -f web-1')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: the playground's kubectl cannot follow logs \(-f\)/)
  })

  it('a pod not yet scheduled has no log location: nothing, exit 0', () => {
    addPod(h, 'pending')
    expect(k('logs pending')).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})

describe('containerLogStatusError (kubelet validateContainerLogStatus)', () => {
  const pod = (state: object, last?: object): Pod =>
    ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] }, status: { containerStatuses: [{ name: 'c', state, lastState: last ?? {} }] } as PodStatus }) as Pod
  it.each<[string, Pod, boolean, string | undefined]>([
    ['running', pod({ running: {} }), false, undefined],
    ['terminated', pod({ terminated: { exitCode: 1 } }), false, undefined],
    ['ErrImagePull', pod({ waiting: { reason: 'ErrImagePull' } }), false, 'container "c" in pod "p" is waiting to start: image can\'t be pulled'],
    ['ImagePullBackOff', pod({ waiting: { reason: 'ImagePullBackOff' } }), false, 'container "c" in pod "p" is waiting to start: trying and failing to pull image'],
    ['CrashLoopBackOff reads the last instance', pod({ waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1 } }), false, undefined],
    ['--previous without one', pod({ running: {} }), true, 'previous terminated container "c" in pod "p" not found'],
    ['--previous after a restart', pod({ running: {} }, { terminated: { exitCode: 1 } }), true, undefined],
    ['no state at all', pod({}), false, 'container "c" in pod "p" is waiting to start - no logs yet'],
  ])('%s', (_n, p, previous, want) => expect(containerLogStatusError(p, 'c', previous)).toBe(want))
})

describe('kubectl exec', () => {
  it('runs the command in the container; a failure ends with its exit code', () => {
    expect(k('exec web-1 -- hostname')).toEqual({ code: 0, stdout: 'web-1\n', stderr: '' })
    expect(calls).toEqual(['exec default/web-1/web ["hostname"]'])
    expect(k('exec web-1 -- cat /nope')).toEqual({ code: 1, stdout: '', stderr: "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n" })
    expect(k('exec two -- hostname')).toEqual({ code: 0, stdout: 'two\n', stderr: 'Defaulted container "a" out of: a, b\n' })
    expect(k('exec two -q -c b -i -- sh -c "cat"', 'piped').code).toBe(0)
    expect(calls.at(-1)).toBe('exec default/two/b ["sh","-c","cat"] stdin=piped')
  })

  it('-it sh: a message and a shell request for the UI, no command run', () => {
    const r = k('exec -it web-1 -- /bin/sh')
    expect(r.code).toBe(0)
    expect(r.shell).toEqual({ namespace: 'default', pod: 'web-1', container: 'web', command: ['/bin/sh'] })
    expect(r.stderr).toContain('Opening a shell on pod web-1 (container web)')
    expect(calls).toEqual([])
    expect(k('exec -it web-1 -- sh -c "echo hi"').shell).toBeUndefined()
    expect(calls).toEqual(['exec default/web-1/web ["sh","-c","echo hi"]'])
  })

  it('TYPE/NAME picks the most active pod', () => {
    h.k('apply -f -', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n')
    addPod(h, 'web-2', { labels: { app: 'web' } })
    expect(k('exec svc/web -- hostname').stdout).toBe('web-1\n')
  })

  it.each<[string, string]>([
    ['exec web-1 hostname', "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n"],
    ['exec web-1', 'error: you must specify at least one command for the container\n'],
    ['exec -- ls', 'error: pod, type/name or --filename must be specified\n'],
    ['exec nope -- ls', 'Error from server (NotFound): pods "nope" not found\n'],
    ['exec web-1 -c x -- ls', 'Error from server (BadRequest): container x is not valid for pod web-1\n'],
  ])('%s', (line, stderr) => expect(k(line)).toEqual({ code: 1, stdout: '', stderr }))

  it('the pod must be scheduled, running and not finished', () => {
    addPod(h, 'pending')
    expect(k('exec pending -- ls').stderr).toBe('Error from server (BadRequest): pod pending does not have a host assigned\n')
    addPod(h, 'creating', { node: 'node-1' })
    expect(k('exec creating -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("web")\n')
    setStatus(h, 'creating', { phase: 'Succeeded' })
    expect(k('exec creating -- ls').stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n')
  })
})
