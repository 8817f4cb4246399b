import { describe, expect, it } from 'vitest'
import type { KubectlCatalog } from '../../protocol'
import { applyCompletion, commonPrefix, complete, type CompletionContext } from './complete'

const flags = (...f: [string, string | undefined, boolean][]) => f.map(([name, short, takesValue]) => ({ name, ...(short ? { short } : {}), takesValue }))

const catalog: KubectlCatalog = {
  verbs: [
    { name: 'get', aliases: [], short: '', flags: flags(['output', 'o', true], ['selector', 'l', true], ['all-namespaces', 'A', false], ['watch', 'w', false]) },
    { name: 'describe', aliases: [], short: '', flags: flags(['selector', 'l', true]) },
    { name: 'delete', aliases: [], short: '', flags: flags(['grace-period', undefined, true]) },
    { name: 'exec', aliases: [], short: '', flags: flags(['container', 'c', true], ['stdin', 'i', false], ['tty', 't', false]) },
    { name: 'rollout', aliases: [], short: '', flags: [] },
    { name: 'scale', aliases: [], short: '', flags: flags(['replicas', undefined, true]) },
    { name: 'create', aliases: [], short: '', flags: [] },
    { name: 'cordon', aliases: [], short: '', flags: [] },
  ],
  globalFlags: flags(['namespace', 'n', true], ['help', 'h', false]),
  resources: [
    { name: 'deployments', singular: 'deployment', shortNames: ['deploy'], kind: 'Deployment', group: 'apps', apiVersion: 'apps/v1', namespaced: true },
    { name: 'pods', singular: 'pod', shortNames: ['po'], kind: 'Pod', group: '', apiVersion: 'v1', namespaced: true },
    { name: 'services', singular: 'service', shortNames: ['svc'], kind: 'Service', group: '', apiVersion: 'v1', namespaced: true },
    { name: 'nodes', singular: 'node', shortNames: ['no'], kind: 'Node', group: '', apiVersion: 'v1', namespaced: false },
    { name: 'namespaces', singular: 'namespace', shortNames: ['ns'], kind: 'Namespace', group: '', apiVersion: 'v1', namespaced: false },
  ],
}

const objects: Record<string, string[]> = {
  'Pod/default': ['web-7d9f-abcde', 'web-7d9f-fghij', 'client'],
  'Pod/shop': ['cart-1'],
  'Deployment/default': ['web'],
  'Node/': ['node-1', 'node-2', 'node-10'],
}
const ctx: CompletionContext = {
  catalog,
  names: (kind, ns) => (ns === undefined && kind !== 'Node' ? Object.entries(objects).filter(([k]) => k.startsWith(`${kind}/`)).flatMap(([, v]) => v) : (objects[`${kind}/${ns ?? ''}`] ?? [])),
  namespaces: () => ['default', 'kube-system', 'shop'],
}

const at = (line: string) => complete(line, line.length, ctx)

describe('complete', () => {
  it.each([
    ['', ['clear', 'cordon', 'create', 'delete', 'describe', 'exec', 'get', 'help', 'kubectl', 'rollout', 'scale']],
    ['kubectl de', ['delete', 'describe']],
    ['g', ['get']],
    ['kubectl get dep', ['deployments']],
    ['kubectl get ', ['all', 'deployments', 'namespaces', 'nodes', 'pods', 'services']],
    ['kubectl get sv', ['svc']],
    ['kubectl get deploy,p', ['pods']],
    ['kubectl get pods we', ['web-7d9f-abcde', 'web-7d9f-fghij']],
    ['kubectl get pods -n shop ', ['cart-1']],
    ['kubectl get pods --namespace=shop c', ['cart-1']],
    ['kubectl get pods -A c', ['cart-1', 'client']],
    ['kubectl describe deploy/', ['deploy/web']],
    ['kubectl get pods -n ', ['default', 'kube-system', 'shop']],
    ['kubectl get pods -n s', ['shop']],
    ['kubectl get pods -o ', ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml']],
    ['kubectl get pods --output=y', ['yaml']],
    ['kubectl get pods --w', ['--watch']],
    ['kubectl scale --re', ['--replicas']],
    ['kubectl get --n', ['--namespace']],
    ['kubectl exec ', ['client', 'web-7d9f-abcde', 'web-7d9f-fghij']],
    ['kubectl exec -n shop ', ['cart-1']],
    ['kubectl exec client -- ', []],
    ['kubectl rollout ', ['history', 'pause', 'restart', 'resume', 'status', 'undo']],
    ['kubectl rollout status dep', ['deployments']],
    ['kubectl rollout status deployment ', ['web']],
    ['kubectl create service n', ['nodeport']],
    ['kubectl cordon node-', ['node-1', 'node-2', 'node-10']],
    ['kubectl delete pods --grace-period ', []],
    ['kubectl get nodes n', ['node-1', 'node-2', 'node-10']],
  ])('%j → %j', (line, want) => {
    expect(at(line).options).toEqual(want)
  })

  it('replaces only the word being typed', () => {
    expect(at('kubectl get deploy,p')).toMatchObject({ from: 19, to: 20 })
    expect(at('get pods -o=')).toMatchObject({ from: 12 })
  })

  it('without a catalog yet, still completes names of objects', () => {
    expect(complete('kubectl exec c', 14, { ...ctx, catalog: null }).options).toEqual(['client'])
  })
})

describe('applyCompletion', () => {
  it('one option: inserted with a space (none after a slash or =)', () => {
    expect(applyCompletion('kubectl get dep', { from: 12, to: 15, options: ['deployments'] })).toEqual({ line: 'kubectl get deployments ', cursor: 24 })
    expect(applyCompletion('get pods -o=', { from: 12, to: 12, options: ['custom-columns='] })).toEqual({ line: 'get pods -o=custom-columns=', cursor: 27 })
  })

  it('several: the common prefix is inserted and the options listed', () => {
    expect(applyCompletion('get pods we', { from: 9, to: 11, options: ['web-7d9f-abcde', 'web-7d9f-fghij'] })).toEqual({
      line: 'get pods web-7d9f-',
      cursor: 18,
      list: ['web-7d9f-abcde', 'web-7d9f-fghij'],
    })
    expect(applyCompletion('get ', { from: 4, to: 4, options: ['pods', 'nodes'] })).toEqual({ line: 'get ', cursor: 4, list: ['pods', 'nodes'] })
  })

  it('commonPrefix', () => {
    expect(commonPrefix(['delete', 'describe'])).toBe('de')
    expect(commonPrefix([])).toBe('')
  })
})
