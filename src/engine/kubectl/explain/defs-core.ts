import { bool, define, int, list, obj, str, strList, strMap } from './schema'
import { API_VERSION, KIND, METADATA, SPEC_STATUS } from './defs-meta'

/** core/v1 Service, Node and Namespace (main fields). */
define({
  Service: {
    type: 'object',
    description:
      'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
    properties: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: { description: `Spec defines the behavior of a service. ${SPEC_STATUS}`, allOfRef: 'ServiceSpec' },
      status: {
        description: `Most recently observed status of the service. Populated by the system. Read-only. More info: ${SPEC_STATUS}`,
        allOfRef: 'ServiceStatus',
      },
    },
  },
  ServiceSpec: {
    type: 'object',
    description: 'ServiceSpec describes the attributes that a user creates on a service.',
    properties: {
      clusterIP: str(
        'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
      ),
      ports: list('ServicePort', 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
      selector: strMap(
        'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/',
      ),
      sessionAffinity: str(
        'Supports "ClientIP" and "None". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies\n\nPossible enum values:\n - `"ClientIP"` is the Client IP based.\n - `"None"` - no session affinity.',
        { enum: ['ClientIP', 'None'] },
      ),
      type: str(
        'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types\n\nPossible enum values:\n - `"ClusterIP"` means a service will only be accessible inside the cluster, via the cluster IP.\n - `"ExternalName"` means a service consists of only a reference to an external name that kubedns or equivalent will return as a CNAME record, with no exposing or proxying of any pods involved.\n - `"LoadBalancer"` means a service will be exposed via an external load balancer (if the cloud provider supports it), in addition to \'NodePort\' type.\n - `"NodePort"` means a service will be exposed on one port of every node, in addition to \'ClusterIP\' type.',
        { enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] },
      ),
    },
  },
  ServicePort: {
    type: 'object',
    description: "ServicePort contains information on service's port.",
    required: ['port'],
    properties: {
      name: str(
        "The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names. When considering the endpoints for a Service, this must match the 'name' field in the EndpointPort. Optional if only one ServicePort is defined on this service.",
      ),
      nodePort: int(
        'The port on each node on which this service is exposed when type is NodePort or LoadBalancer.  Usually assigned by the system. If a value is specified, in-range, and not in use it will be used, otherwise the operation will fail.  If not specified, a port will be allocated if this Service requires one.  If this field is specified when creating a Service which does not need it, creation will fail. This field will be wiped when updating a Service to no longer need it (e.g. changing type from NodePort to ClusterIP). More info: https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
      ),
      port: int('The port that will be exposed by this service.'),
      protocol: str(
        'The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.\n\nPossible enum values:\n - `"SCTP"` is the SCTP protocol.\n - `"TCP"` is the TCP protocol.\n - `"UDP"` is the UDP protocol.',
        { enum: ['SCTP', 'TCP', 'UDP'] },
      ),
      targetPort: obj(
        'IntOrString',
        "Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If this is a string, it will be looked up as a named port in the target Pod's container ports. If this is not specified, the value of the 'port' field is used (an identity map). This field is ignored for services with clusterIP=None, and should be omitted or set equal to the 'port' field. More info: https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service",
      ),
    },
  },
  ServiceStatus: {
    type: 'object',
    description: 'ServiceStatus represents the current status of a service.',
    properties: {},
  },
  Node: {
    type: 'object',
    description: 'Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).',
    properties: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: { description: `Spec defines the behavior of a node. ${SPEC_STATUS}`, allOfRef: 'NodeSpec' },
      status: {
        description: `Most recently observed status of the node. Populated by the system. Read-only. More info: ${SPEC_STATUS}`,
        allOfRef: 'NodeStatus',
      },
    },
  },
  NodeSpec: {
    type: 'object',
    description: 'NodeSpec describes the attributes that a node is created with.',
    properties: {
      podCIDR: str('PodCIDR represents the pod IP range assigned to the node.'),
      podCIDRs: strList(
        'podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node. If this field is specified, the 0th entry must match the podCIDR field. It may contain at most 1 value for each of IPv4 and IPv6.',
      ),
      providerID: str('ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>'),
      taints: list('Taint', "If specified, the node's taints."),
      unschedulable: bool(
        'Unschedulable controls node schedulability of new pods. By default, node is schedulable. More info: https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration',
      ),
    },
  },
  Taint: {
    type: 'object',
    description: 'The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.',
    required: ['key', 'effect'],
    properties: {
      effect: str(
        'Required. The effect of the taint on pods that do not tolerate the taint. Valid effects are NoSchedule, PreferNoSchedule and NoExecute.\n\nPossible enum values:\n - `"NoExecute"` Evict any already-running pods that do not tolerate the taint. Currently enforced by NodeController.\n - `"NoSchedule"` Do not allow new pods to schedule onto the node unless they tolerate the taint, but allow all pods submitted to Kubelet without going through the scheduler to start, and allow all already-running pods to continue running. Enforced by the scheduler.\n - `"PreferNoSchedule"` Like TaintEffectNoSchedule, but the scheduler tries not to schedule new pods onto the node, rather than prohibiting new pods from scheduling onto the node entirely. Enforced by the scheduler.',
        { enum: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] },
      ),
      key: str('Required. The taint key to be applied to a node.'),
      timeAdded: str('TimeAdded represents the time at which the taint was added.'),
      value: str('The taint value corresponding to the taint key.'),
    },
  },
  NodeStatus: {
    type: 'object',
    description: 'NodeStatus is information about the current status of a node.',
    properties: {},
  },
  Namespace: {
    type: 'object',
    description: 'Namespace provides a scope for Names. Use of multiple namespaces is optional.',
    properties: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: { description: `Spec defines the behavior of the Namespace. More info: ${SPEC_STATUS}`, allOfRef: 'NamespaceSpec' },
      status: { description: `Status describes the current status of a Namespace. More info: ${SPEC_STATUS}`, allOfRef: 'NamespaceStatus' },
    },
  },
  NamespaceSpec: {
    type: 'object',
    description: 'NamespaceSpec describes the attributes on a Namespace.',
    properties: {
      finalizers: strList(
        'Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/',
      ),
    },
  },
  NamespaceStatus: {
    type: 'object',
    description: 'NamespaceStatus is information about the current status of a Namespace.',
    properties: {
      phase: str(
        'Phase is the current lifecycle phase of the namespace. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/\n\nPossible enum values:\n - `"Active"` means the namespace is available for use in the system\n - `"Terminating"` means the namespace is undergoing graceful termination',
        { enum: ['Active', 'Terminating'] },
      ),
    },
  },
})

