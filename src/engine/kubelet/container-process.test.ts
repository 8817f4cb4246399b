import { describe, expect, it } from 'vitest'
import type { Container } from '../api/types'
import { containerBehaviour } from './container-behaviour'
import { ContainerProcess } from './container-process'
import { ContainerFs } from './container-fs'
import { ContainerLog } from './container-logs'
import { imageFacts } from './image-model'
import { parseScript } from './shell'

function start(c: Partial<Container> & { image: string }, startedAt = 0, volume?: Map<string, string>) {
  const spec = { name: 'c', ...c } as Container
  const log = new ContainerLog()
  const fs = new ContainerFs({}, volume ? [{ path: '/data', files: volume }] : [])
  const p = new ContainerProcess(containerBehaviour(spec, imageFacts(spec.image)), { startedAt, hostname: 'pod-a', podIP: '10.244.1.2', vars: new Map([['HOSTNAME', 'pod-a']]), fs, log })
  return { p, log, fs }
}

/** Run a busybox `sh -c` script to its end (or `limit` ms): exit time and code, and its log. */
function runToEnd(script: string, limit = 10_000_000) {
  const { p, log } = start({ image: 'busybox:1.36', command: ['sh', '-c', script] })
  for (let now = 0; now <= limit; ) {
    p.advance(now)
    const w = p.nextWake()
    if (p.exit || w === undefined) break
    now = w
  }
  return { exit: p.exit, forever: !p.exit, lines: log.lines.map((l) => l.text), p }
}

describe('the tiny shell: timing and exit status', () => {
  it.each<[string, number | undefined, number | undefined]>([
    ['sleep 3600', 3_600_000, 0],
    ['sleep 5; exit 3', 5000, 3],
    ['echo hi && sleep 2m', 120_000, 0],
    ['sleep 1.5', 1500, 0],
    ['exit 1', 0, 1],
    ['false', 0, 1],
    ['true && false || exit 7', 0, 7],
    ['false && sleep 10', 0, 1],
    ['cat /missing; echo done', 0, 0],
    ['cat /missing', 0, 1],
    ['touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600', 630_000, 0],
    ['for i in 1 2 3; do sleep 1; done; exit 4', 3000, 4],
    ['i=0; while [ $i -lt 5 ]; do i=$((i+1)); sleep 2; done; exit $i', 10_000, 5],
    ['until [ -f /tmp/x ]; do sleep 1; touch /tmp/x; done', 1000, 0],
    ['if [ -f /etc/none ]; then exit 1; else exit 2; fi', 0, 2],
    ['while true; do sleep 1; if [ -f /tmp/stop ]; then exit 9; fi; touch /tmp/stop; done', 2000, 9],
    ['sleep 2 && exit 0\nsleep 100', 2000, 0],
    ['exit 256', 0, 0],
  ])('%j ends after %s ms with status %s', (script, at, code) => {
    const r = runToEnd(script)
    expect(r.exit).toEqual({ at, code })
  })

  it.each([
    'while true; do echo hi; sleep 1; done',
    'sleep infinity',
    'tail -f /dev/null',
    'echo start; while :; do sleep 5; done',
    'httpd -f -p 8080',
  ])('%j runs forever', (script) => {
    const r = runToEnd(script)
    expect(r.forever).toBe(true)
    expect(r.p.nextWake()).toBeUndefined()
  })

  it('a loop that never sleeps is stopped and spins', () => {
    const r = runToEnd('while [ 1 ]; do echo x >/dev/null; done')
    expect(r.exit).toBeUndefined()
    expect(r.p.stuck).toBe(true)
  })

  it('a syntax error is sh exit 2 with its message', () => {
    const r = runToEnd('if true; then echo')
    expect(r.exit).toEqual({ at: 0, code: 2 })
    expect(r.lines[0]).toMatch(/^sh: syntax error/)
  })
})

describe('the tiny shell: output and files', () => {
  it('the counter example logs a line per second with the date', () => {
    const { p, log } = start({ image: 'busybox:1.36', args: ['/bin/sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'] })
    p.advance(3_500)
    expect(log.lines.map((l) => [l.at, l.text])).toEqual([
      [0, '0: Thu Jan  1 00:00:00 UTC 2026'],
      [1000, '1: Thu Jan  1 00:00:01 UTC 2026'],
      [2000, '2: Thu Jan  1 00:00:02 UTC 2026'],
      [3000, '3: Thu Jan  1 00:00:03 UTC 2026'],
    ])
  })

  it('busybox and GNU error texts', () => {
    const bb = runToEnd('cat /tmp/healthy; rm /tmp/x; ls /nope')
    expect(bb.lines).toEqual([
      "cat: can't open '/tmp/healthy': No such file or directory",
      "rm: can't remove '/tmp/x': No such file or directory",
      'ls: /nope: No such file or directory',
    ])
    const { p, log } = start({ image: 'ubuntu:24.04', command: ['sh', '-c', 'cat /tmp/healthy; rm /tmp/x'] })
    p.advance(0)
    expect(log.lines.map((l) => l.text)).toEqual(['cat: /tmp/healthy: No such file or directory', "rm: cannot remove '/tmp/x': No such file or directory"])
  })

  it('redirections, variables, quoting and expansion', () => {
    const r = runToEnd(`echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; X="a  b"; echo $X "$X" '$X' \${Y:-dflt}; echo $HOSTNAME; printf '%s-%d\\n' x 42; cat /tmp/f | wc -l; echo err 1>&2`)
    expect(r.lines).toEqual(['one', 'two', 'a b a  b $X dflt', 'pod-a', 'x-42', '2', 'err'])
    expect(r.p.exit).toEqual({ at: 0, code: 0 })
  })

  it('the liveness-exec file appears, then disappears at 30 s', () => {
    const { p, fs } = start({ image: 'busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] })
    p.advance(29_999)
    expect(fs.exists('/tmp/healthy')).toBe(true)
    p.advance(30_000)
    expect(fs.exists('/tmp/healthy')).toBe(false)
    expect(p.nextWake()).toBe(630_000)
  })

  it('exec runs against the current files with busybox output; timeouts count sleeps', () => {
    const { p } = start({ image: 'busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] })
    expect(p.exec(10_000, ['cat', '/tmp/healthy'], 1000)).toMatchObject({ exitCode: 0, output: '', timedOut: false })
    expect(p.exec(35_000, ['cat', '/tmp/healthy'], 1000)).toMatchObject({ exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" })
    expect(p.exec(35_000, ['sh', '-c', 'sleep 5'], 1000)).toMatchObject({ timedOut: true, ms: 1000 })
    expect(p.exec(35_000, ['sh', '-c', 'sleep 1; exit 3'], 2000)).toMatchObject({ exitCode: 3, ms: 1000, timedOut: false })
  })

  it('a volume is shared through its mount path', () => {
    const vol = new Map<string, string>()
    const a = start({ image: 'busybox', command: ['sh', '-c', 'echo hello > /data/index.html'] }, 0, vol)
    a.p.advance(0)
    const b = start({ image: 'busybox', command: ['cat', '/data/index.html'] }, 10, vol)
    b.p.advance(10)
    expect(b.log.lines.map((l) => l.text)).toEqual(['hello'])
  })
})

describe('servers', () => {
  it('nginx listens on 80 and its containerPorts, logs a banner and access lines', () => {
    const { p, log } = start({ image: 'nginx:1.27.3', ports: [{ containerPort: 8080 }] }, 2000)
    expect(p.listens(80)).toBe(true)
    expect(p.listens(8080)).toBe(true)
    expect(p.listens(9000)).toBe(false)
    expect(p.http(12_000, 80, '/healthz', '10.244.1.1', 'kube-probe/1.33')).toEqual({ status: 200, body: 'pod-a\n' })
    expect(p.http(12_000, 81, '/', '10.244.1.1', 'kube-probe/1.33')).toBeUndefined()
    expect(log.lines[0].text).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration')
    expect(log.lines.some((l) => l.text === '2026/01/01 00:00:02 [notice] 1#1: nginx/1.27.3')).toBe(true)
    expect(log.lines[log.lines.length - 1]).toEqual({ at: 12_000, stream: 'stdout', text: '10.244.1.1 - - [01/Jan/2026:00:00:12 +0000] "GET /healthz HTTP/1.1" 200 6 "-" "kube-probe/1.33" "-"' })
    expect(p.nextWake()).toBeUndefined()
  })

  it('agnhost liveness: /healthz is 200 for 10 s, then 500', () => {
    const { p } = start({ image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'] }, 1000)
    expect(p.http(11_000, 8080, '/healthz', 'x', 'ua')?.status).toBe(200)
    expect(p.http(11_001, 8080, '/healthz', 'x', 'ua')?.status).toBe(500)
  })

  it('an unknown image is a server on its declared ports only', () => {
    const { p } = start({ image: 'registry.k8s.io/goproxy:0.1', ports: [{ containerPort: 8080 }] })
    expect(p.listens(8080)).toBe(true)
    expect(p.listens(80)).toBe(false)
  })

  it('a script that starts nginx becomes nginx', () => {
    const { p } = start({ image: 'nginx:1.27', command: ['sh', '-c', 'echo hi > /usr/share/nginx/html/index.html; nginx -g "daemon off;"'] })
    p.advance(0)
    expect(p.listens(80)).toBe(true)
    expect(p.exit).toBeUndefined()
  })
})

describe('parser', () => {
  it('parses the usual forms', () => {
    expect(() => parseScript('while true; do echo "a;b" $(date +%s); sleep 1; done')).not.toThrow()
    expect(() => parseScript('for i in 1 2; do\n  echo $i\ndone\nif [ -f x ]; then :; elif false; then :; else :; fi')).not.toThrow()
    expect(() => parseScript('{ echo a; echo b; } > /tmp/x 2>&1')).toThrow() // redirecting a group is not supported
  })
})
