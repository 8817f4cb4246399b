import { deploymentKind, type Deployment } from '../api/kinds/deployment'
import type { ReplicaSet } from '../api/types'
import { kubectlHarness, type Harness } from './testing'

/**
 * Test-only: the kubectl harness with the apps/v1 Deployment kind served (registered here if
 * the default registry does not have it yet), and builders for Deployments and the
 * ReplicaSets a deployment controller would have written. No controllers run.
 */
export function workloadsHarness(): Harness {
  const h = kubectlHarness()
  if (!h.ctx.api.registry.get('deployments')) h.ctx.api.registry.register(deploymentKind)
  return h
}

export function deploymentYaml(name: string, opts: { replicas?: number; image?: string; container?: string } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app: ${name}
spec:
  replicas: ${opts.replicas ?? 3}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: ${opts.container ?? 'nginx'}
        image: ${opts.image ?? 'nginx:1.27'}
        ports:
        - containerPort: 80
`
}

/** Write a Deployment's status as the deployment controller would. */
export function setDeploymentStatus(h: Harness, name: string, status: Deployment['status'], ns = 'default'): Deployment {
  const cur = h.ctx.api.get('deployments', ns, name)
  return h.ctx.api.update('deployments', { ...cur, status }, { actor: 'test', subresource: 'status' }) as Deployment
}

/**
 * A ReplicaSet owned by the Deployment, named `<d>-<hash>`, with the Deployment's template
 * (or `image` swapped in), `pod-template-hash` and revision annotations.
 */
export function addOwnedReplicaSet(
  h: Harness,
  dName: string,
  opts: { hash: string; revision: number; replicas: number; image?: string; ready?: number; changeCause?: string },
  ns = 'default',
): ReplicaSet {
  const d = h.ctx.api.get('deployments', ns, dName) as Deployment
  const template = structuredClone(d.spec.template)
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': opts.hash } }
  if (opts.image) template.spec.containers[0].image = opts.image
  const annotations: Record<string, string> = { 'deployment.kubernetes.io/revision': String(opts.revision) }
  if (opts.changeCause) annotations['kubernetes.io/change-cause'] = opts.changeCause
  const rs = h.ctx.api.create(
    'replicasets',
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${dName}-${opts.hash}`,
        namespace: ns,
        labels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': opts.hash },
        annotations,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: dName, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: opts.replicas, selector: { matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': opts.hash } }, template },
    },
    { actor: 'test' },
  )
  const ready = opts.ready ?? opts.replicas
  const status = { replicas: opts.replicas, fullyLabeledReplicas: opts.replicas, readyReplicas: ready, availableReplicas: ready, observedGeneration: 1 }
  return h.ctx.api.update('replicasets', { ...rs, status }, { actor: 'test', subresource: 'status' }) as ReplicaSet
}
