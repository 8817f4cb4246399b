import { beforeEach, describe, expect, it } from 'vitest'
import type { Pod } from '../../api/types'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources:
          requests:
            cpu: 250m
            memory: 128Mi
          limits:
            memory: 256Mi
`

let h: Harness
let pod: Pod

beforeEach(() => {
  h = kubectlHarness()
  addNode(h, 'node-1', '172.18.0.2')
  expect(h.k('apply -f -', RS).code).toBe(0)
  const rs = h.ctx.api.get('replicasets', 'default', 'web')
  pod = addPod(h, 'web-x7k2p', {
    labels: { app: 'web' },
    node: 'node-1',
    containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { memory: '256Mi' } } }],
  })
  const cur = h.ctx.api.get('pods', 'default', 'web-x7k2p')
  const ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }]
  pod = h.ctx.api.update('pods', { ...cur, metadata: { ...cur.metadata, ownerReferences } }, { actor: 'test' }) as Pod
  h.ctx.events.record({ component: 'replicaset-controller' }, rs, 'Normal', 'SuccessfulCreate', 'Created pod: web-x7k2p')
  h.ctx.events.record({ component: 'default-scheduler' }, pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-x7k2p to node-1')
  h.advance(2000)
  h.ctx.events.record({ component: 'kubelet', host: 'node-1' }, pod, 'Normal', 'Pulled', 'Container image "nginx:1.27" already present on machine')
  for (let i = 0; i < 3; i++) {
    h.ctx.events.record({ component: 'kubelet', host: 'node-1' }, pod, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web-x7k2p_default')
    if (i < 2) h.advance(60_000)
  }
  const st = runningStatus('10.244.1.5', '172.18.0.2', h.at(2000), 1)
  st.qosClass = 'Burstable'
  setStatus(h, 'web-x7k2p', st)
  h.advance(10_000)
})

describe('kubectl describe', () => {
  it('pod: kubectl layout, tabwriter blocks, events with (xN over …)', () => {
    expect(h.k('describe pod web-x7k2p')).toEqual({
      code: 0,
      stderr: '',
      stdout: `Name:             web-x7k2p
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/172.18.0.2
Start Time:       Thu, 01 Jan 2026 00:00:02 +0000
Labels:           app=web
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:           10.244.1.5
Controlled By:  ReplicaSet/web
Containers:
  web:
    Container ID:   containerd://c1
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:abc
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 00:00:02 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Thu, 01 Jan 2026 00:00:02 +0000
      Finished:     Thu, 01 Jan 2026 00:00:02 +0000
    Ready:          True
    Restart Count:  1
    Limits:
      memory:  256Mi
    Requests:
      cpu:        250m
      memory:     128Mi
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    Burstable
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  2m12s                default-scheduler  Successfully assigned default/web-x7k2p to node-1
  Normal   Pulled     2m10s                kubelet            Container image "nginx:1.27" already present on machine
  Warning  BackOff    10s (x3 over 2m10s)  kubelet            Back-off restarting failed container web in pod web-x7k2p_default
`,
    })
  })

  it('rs: selector, replicas, pod status counts, pod template, events', () => {
    expect(h.k('describe rs web').stdout).toBe(`Name:         web
Namespace:    default
Selector:     app=web
Labels:       <none>
Annotations:  <none>
Replicas:     0 current / 2 desired
Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
  Containers:
   web:
    Image:      nginx:1.27
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  256Mi
    Requests:
      cpu:         250m
      memory:      128Mi
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age    From                   Message
  ----    ------            ----   ----                   -------
  Normal  SuccessfulCreate  2m12s  replicaset-controller  Created pod: web-x7k2p
`)
  })

  it('node: conditions, capacity, system info, non-terminated pods and allocated resources', () => {
    const out = h.k('describe node node-1').stdout
    expect(out).toContain(`PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (1 in total)
  Namespace                   Name         CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----         ------------  ----------  ---------------  -------------  ---
  default                     web-x7k2p    250m (6%)     0 (0%)      128Mi (1%)       256Mi (3%)     2m12s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                250m (6%)   0 (0%)
  memory             128Mi (1%)  256Mi (3%)
  ephemeral-storage  0 (0%)      0 (0%)
Events:              <none>
`)
    expect(out).toContain(`Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Thu, 01 Jan 2026 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
`)
    expect(out.startsWith('Name:               node-1\nRoles:              <none>\nLabels:             kubernetes.io/hostname=node-1\n                    kubernetes.io/os=linux\n')).toBe(true)
    expect(out).toContain('Taints:             node.kubernetes.io/not-ready:NoSchedule\nUnschedulable:      false\n')
    expect(out).toContain('Capacity:\n  cpu:                4\n  ephemeral-storage:  102626232Ki\n  memory:             8Gi\n  pods:               110\n')
  })

  it('namespace', () => {
    expect(h.k('describe ns default').stdout).toBe(
      'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    )
  })

  it('several objects: separated by a blank line, events omitted unless --show-events', () => {
    const both = h.k('describe ns').stdout
    expect(both).toContain('No LimitRange resource.\n\n\nName:         kube-system\n')
    addPod(h, 'other', {})
    expect(h.k('describe pods').stdout).not.toContain('Events:')
    expect(h.k('describe pods --show-events').stdout).toContain('Events:')
  })

  it('TYPE PREFIX describes every match (no events), and errors when nothing matches', () => {
    const r = h.k('describe pod web-')
    expect(r.stdout.startsWith('Name:             web-x7k2p\n')).toBe(true)
    expect(r.stdout).not.toContain('Events:')
    expect(r.stdout.endsWith('op=Exists for 300s\n\n')).toBe(true)
    expect(h.k('describe pod zzz')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "zzz" not found\n' })
  })

  it('terminating pod: Status and grace period lines', () => {
    h.ctx.api.delete('pods', 'default', 'web-x7k2p', { actor: 'test' })
    const out = h.k('describe pod web-x7k2p').stdout
    expect(out).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n')
  })

  it('errors', () => {
    expect(h.k('describe').stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n')
    expect(h.k('describe pods -n empty')).toEqual({ code: 0, stdout: '', stderr: 'No resources found in empty namespace.\n' })
  })
})
