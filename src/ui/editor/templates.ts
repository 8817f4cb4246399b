/**
 * "New" in the editor: a manifest to start from for each kind the playground simulates, in
 * the shape of the Kubernetes documentation's examples, with comments where a field teaches
 * something (what a selector must match, which ports are which). Each applies as is.
 */
export interface Template {
  id: string
  /** Shown in the menu (a kind, or a kind and a variant — Kubernetes words, not translated). */
  label: string
  yaml: string
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  # The Deployment owns the pods whose labels match this selector;
  # it must match the template's labels.
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
        readinessProbe:
          httpGet:
            path: /
            port: 80
`

const REPLICASET = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels:
    app: guestbook
    tier: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
`

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: nginx
spec:
  replicas: 3
  # An RC selects with a plain map (equality only), unlike a ReplicaSet.
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`

const CLIENT_POD = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    # Keeps running, so you can kubectl exec into it and curl a Service.
    command: ["sleep", "3600"]
`

const service = (name: string, spec: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${spec}`

const CLUSTER_IP = service(
  'web',
  `  type: ClusterIP
  selector:
    app: web
  ports:
  - name: http
    protocol: TCP
    port: 80        # the Service's port, on its ClusterIP
    targetPort: 80  # the container's port on each selected pod
`,
)

const NODE_PORT = service(
  'web-nodeport',
  `  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    # Optional: left out, the cluster picks one in 30000-32767.
    # nodePort: 30080
`,
)

const LOAD_BALANCER = service(
  'web-lb',
  `  type: LoadBalancer
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`,
)

const HEADLESS = service(
  'web-headless',
  `  # No ClusterIP: DNS answers with the pods' own IPs.
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
`,
)

const EXTERNAL_NAME = service(
  'my-database',
  `  # Only DNS: a CNAME to a name outside the cluster, no proxying.
  type: ExternalName
  externalName: db.example.com
`,
)

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`

export const TEMPLATES: readonly Template[] = [
  { id: 'deployment', label: 'Deployment', yaml: DEPLOYMENT },
  { id: 'replicaset', label: 'ReplicaSet', yaml: REPLICASET },
  { id: 'replicationcontroller', label: 'ReplicationController', yaml: RC },
  { id: 'pod', label: 'Pod', yaml: POD },
  { id: 'pod-client', label: 'Pod (busybox client)', yaml: CLIENT_POD },
  { id: 'service-clusterip', label: 'Service (ClusterIP)', yaml: CLUSTER_IP },
  { id: 'service-nodeport', label: 'Service (NodePort)', yaml: NODE_PORT },
  { id: 'service-loadbalancer', label: 'Service (LoadBalancer)', yaml: LOAD_BALANCER },
  { id: 'service-headless', label: 'Service (headless)', yaml: HEADLESS },
  { id: 'service-externalname', label: 'Service (ExternalName)', yaml: EXTERNAL_NAME },
  { id: 'namespace', label: 'Namespace', yaml: NAMESPACE },
]
