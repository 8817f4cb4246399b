import { describe, expect, it } from 'vitest'
import { kubectlHarness } from './testing'

describe('runKubectl dispatch', () => {
  const h = kubectlHarness()

  it('accepts a leading "kubectl" and global flags before the verb', () => {
    expect(h.k('kubectl -n kube-system get ns kube-system -o name').stdout).toBe('namespace/kube-system\n')
    expect(h.k('--namespace=kube-system get pods').stderr).toBe('No resources found in kube-system namespace.\n')
  })

  it('unknown command with suggestions', () => {
    expect(h.k('gte pods')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n',
    })
    expect(h.k('frobnicate').stderr).toBe('error: unknown command "frobnicate" for "kubectl"\n')
  })

  it('help', () => {
    expect(h.k('').stdout).toContain('kubectl controls the Kubernetes cluster manager.')
    expect(h.k('get --help')).toMatchObject({ code: 0, stderr: '' })
    expect(h.k('get -h').stdout).toContain('Usage:\n  kubectl get')
  })

  it('shell operators are refused clearly', () => {
    const r = h.k('get pods | grep web')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe("error: the playground's kubectl runs without a shell, so '|' (pipes, redirections, command lists) is not supported; run one kubectl command at a time\n")
  })
})

// Hostile and malformed input must never throw out of runKubectl: it always answers like kubectl.
const CORPUS: [string, string?][] = [
  ['"'],
  ["'unterminated"],
  ['get pods -l "app in (web"'],
  ['get pods -l =='],
  ['get pods -l "a!=b,,c"'],
  ['get ,,,'],
  ['get pods//x'],
  ['get /x'],
  ['get pods -o'],
  ['get pods -o jsonpath={.items}'],
  ['get pods --sort-by={.metadata.name'],
  ['get pods -n'],
  ['get pods -n ""'],
  ['describe'],
  ['describe foo bar baz'],
  ['delete --all'],
  ['delete pods --grace-period=abc'],
  ['scale'],
  ['scale rs --replicas=1'],
  ['create'],
  ['create foo'],
  ['apply -f -', ':'],
  ['apply -f -', '- a\n- b\n'],
  ['apply -f -', 'just a string'],
  ['apply -f -', '42'],
  ['apply -f -', 'apiVersion: v1\nkind: Pod\n'],
  ['apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata: 5\n'],
  ['apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: []\n'],
  ['apply -f -', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: r\nspec:\n  replicas: "many"\n'],
  ['apply -f -', 'a: &x [*x]\n'],
  ['apply -f -', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ../../etc\n'],
  ['apply -f -', '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"json-ns"}}'],
  ['apply -f -', '---\n---\n'],
  ['apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: 3\n'],
  ['apply -f -'],
  ['create -f -', '\u0000\u0001'],
  ['get pods -- --all'],
  ['-x'],
  ['get pods ' + 'a'.repeat(300)],
]

describe('bad-input corpus', () => {
  it.each(CORPUS)('%j never throws and answers with an exit code', (line, stdin) => {
    const h = kubectlHarness()
    const r = h.k(line, stdin)
    expect(typeof r.code).toBe('number')
    expect(r.stderr).not.toContain('internal error')
    if (r.code !== 0) expect(r.stderr.length).toBeGreaterThan(0)
  })
})
