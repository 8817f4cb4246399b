/**
 * What real kubectl has and the playground does not simulate, so that using it says so plainly
 * instead of looking like a typo. kubectl's own first line is kept exact; ours follows.
 *
 * - resource types a real v1.33 cluster serves that our API server does not (plural, singular,
 *   short names and Kind, as discovery lists them);
 * - top-level kubectl verbs we lack (`kubectl --help` of v1.33);
 * - real flags of the verbs we have that our parser does not accept (each verb's `--help`).
 *
 * @example
 *   unservedResource('cm')              // { resource: 'configmaps', kind: 'ConfigMap' }
 *   isRealVerb('port-forward')          // true
 *   realFlag('apply', 'prune')          // 'prune'
 */
export interface UnservedResource {
  resource: string
  kind: string
}

// [plural, Kind, short names…] (`kubectl api-resources` on a v1.33 cluster).
const UNSERVED: [string, string, ...string[]][] = [
  ['secrets', 'Secret'],
  ['configmaps', 'ConfigMap', 'cm'],
  ['statefulsets', 'StatefulSet', 'sts'],
  ['daemonsets', 'DaemonSet', 'ds'],
  ['jobs', 'Job'],
  ['cronjobs', 'CronJob', 'cj'],
  ['ingresses', 'Ingress', 'ing'],
  ['ingressclasses', 'IngressClass'],
  ['persistentvolumes', 'PersistentVolume', 'pv'],
  ['persistentvolumeclaims', 'PersistentVolumeClaim', 'pvc'],
  ['serviceaccounts', 'ServiceAccount', 'sa'],
  ['roles', 'Role'],
  ['rolebindings', 'RoleBinding'],
  ['clusterroles', 'ClusterRole'],
  ['clusterrolebindings', 'ClusterRoleBinding'],
  ['horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'hpa'],
  ['networkpolicies', 'NetworkPolicy', 'netpol'],
  ['storageclasses', 'StorageClass', 'sc'],
  ['leases', 'Lease'],
  ['limitranges', 'LimitRange', 'limits'],
  ['resourcequotas', 'ResourceQuota', 'quota'],
  ['poddisruptionbudgets', 'PodDisruptionBudget', 'pdb'],
  ['customresourcedefinitions', 'CustomResourceDefinition', 'crd', 'crds'],
  ['priorityclasses', 'PriorityClass', 'pc'],
  ['podtemplates', 'PodTemplate'],
  ['controllerrevisions', 'ControllerRevision'],
  ['csidrivers', 'CSIDriver'],
  ['csinodes', 'CSINode'],
  ['volumeattachments', 'VolumeAttachment'],
  ['mutatingwebhookconfigurations', 'MutatingWebhookConfiguration'],
  ['validatingwebhookconfigurations', 'ValidatingWebhookConfiguration'],
  ['apiservices', 'APIService'],
  ['certificatesigningrequests', 'CertificateSigningRequest', 'csr'],
  ['componentstatuses', 'ComponentStatus', 'cs'],
  ['runtimeclasses', 'RuntimeClass'],
  ['flowschemas', 'FlowSchema'],
  ['prioritylevelconfigurations', 'PriorityLevelConfiguration'],
]

/** Singular of the plural (`policies` → `policy`, `ingresses` → `ingress`, `secrets` → `secret`). */
const singular = (plural: string) => (plural.endsWith('ies') ? plural.slice(0, -3) + 'y' : plural.endsWith('sses') ? plural.slice(0, -2) : plural.slice(0, -1))

/** A real resource type we do not serve, by any name kubectl accepts (group suffixes ignored). */
export function unservedResource(typed: string): UnservedResource | undefined {
  const name = typed.toLowerCase().split('.')[0]
  for (const [resource, kind, ...shorts] of UNSERVED) {
    if ([resource, singular(resource), kind.toLowerCase(), ...shorts].includes(name)) return { resource, kind }
  }
  return undefined
}

/** A real Kind we do not serve (for `-f` manifests). */
export function isUnservedKind(kind: string): boolean {
  return UNSERVED.some(([, k]) => k === kind)
}

/** kubectl v1.33's top-level commands the playground does not simulate. */
export const REAL_VERBS = [
  'autoscale', 'certificate', 'attach', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events',
  'diff', 'wait', 'kustomize', 'plugin', 'completion', 'alpha', 'api-versions', 'options',
]

export function isRealVerb(name: string): boolean {
  return REAL_VERBS.includes(name)
}

/**
 * Real flags per verb (long name, `/short` when it has one), from each command's `--help` in
 * v1.33. Only consulted after our parser has rejected a flag, so listing flags we do support is
 * harmless; a flag here that the verb accepts never reaches this table.
 */
const REAL_FLAGS: Record<string, string[]> = {
  get: ['chunk-size', 'show-managed-fields', 'server-print', 'output-watch-events', 'raw', 'template', 'allow-missing-template-keys', 'filename/f', 'kustomize/k', 'recursive/R', 'show-kind', 'subresource'],
  apply: ['prune', 'prune-allowlist', 'server-side', 'force-conflicts', 'field-manager', 'wait', 'overwrite', 'all', 'cascade', 'force', 'grace-period', 'kustomize/k', 'openapi-patch', 'recursive/R', 'selector/l', 'show-managed-fields', 'template', 'timeout', 'allow-missing-template-keys'],
  delete: ['wait', 'raw', 'ignore-not-found', 'interactive/i', 'kustomize/k', 'recursive/R', 'timeout', 'now', 'force', 'cascade', 'grace-period', 'field-selector', 'output/o', 'all-namespaces/A', 'filename/f', 'selector/l', 'all'],
  create: ['edit', 'field-manager', 'kustomize/k', 'raw', 'recursive/R', 'selector/l', 'show-managed-fields', 'template', 'windows-line-endings', 'allow-missing-template-keys'],
  replace: ['force', 'cascade', 'grace-period', 'timeout', 'wait', 'field-manager', 'kustomize/k', 'raw', 'recursive/R', 'show-managed-fields', 'subresource', 'template', 'allow-missing-template-keys'],
  describe: ['chunk-size', 'filename/f', 'kustomize/k', 'recursive/R', 'show-events', 'all-namespaces/A', 'selector/l'],
  logs: ['all-containers', 'all-pods', 'follow/f', 'ignore-errors', 'insecure-skip-tls-verify-backend', 'limit-bytes', 'max-log-requests', 'pod-running-timeout', 'prefix', 'since', 'since-time', 'tail', 'timestamps', 'selector/l', 'container/c', 'previous/p'],
  exec: ['filename/f', 'pod-running-timeout', 'quiet/q', 'stdin/i', 'tty/t', 'container/c'],
  scale: ['current-replicas', 'resource-version', 'timeout', 'kustomize/k', 'recursive/R', 'filename/f', 'selector/l', 'all', 'dry-run', 'output/o', 'show-managed-fields', 'template'],
  patch: ['field-manager', 'kustomize/k', 'recursive/R', 'show-managed-fields', 'subresource', 'template', 'filename/f', 'local', 'patch-file'],
  label: ['field-manager', 'kustomize/k', 'recursive/R', 'resource-version', 'show-managed-fields', 'template', 'field-selector', 'local', 'list'],
  annotate: ['field-manager', 'kustomize/k', 'recursive/R', 'resource-version', 'show-managed-fields', 'template', 'field-selector', 'local', 'list'],
  edit: ['output-patch', 'windows-line-endings', 'save-config', 'subresource', 'field-manager', 'kustomize/k', 'recursive/R', 'filename/f'],
  run: ['attach', 'command', 'override-type', 'overrides', 'pod-running-timeout', 'privileged', 'quiet/q', 'rm', 'stdin/i', 'tty/t', 'field-manager', 'kustomize/k', 'recursive/R', 'wait', 'timeout', 'cascade', 'force', 'grace-period', 'filename/f'],
  expose: ['cluster-ip', 'external-ip', 'field-manager', 'kustomize/k', 'load-balancer-ip', 'override-type', 'overrides', 'recursive/R', 'session-affinity', 'filename/f'],
  rollout: ['kustomize/k', 'recursive/R', 'filename/f'],
  drain: ['chunk-size', 'disable-eviction', 'skip-wait-for-delete-timeout', 'pod-selector', 'timeout'],
  top: ['use-protocol-buffers', 'show-capacity', 'sum', 'containers', 'sort-by'],
}

/** Real global flags (`kubectl options`) that only make sense against a real kubeconfig/server. */
const REAL_GLOBAL_FLAGS = [
  'context', 'kubeconfig', 'cluster', 'user', 'server/s', 'token', 'as', 'as-group', 'as-uid', 'insecure-skip-tls-verify', 'certificate-authority',
  'client-certificate', 'client-key', 'tls-server-name', 'cache-dir', 'match-server-version', 'profile', 'profile-output', 'username', 'password',
  'warnings-as-errors', 'disable-compression', 'log-flush-frequency', 'vmodule',
]

/**
 * The real flag a rejected `--name` or `-x` stands for on `verb`, or undefined when kubectl
 * itself would not know it either (then pflag's `unknown flag` stands).
 */
export function realFlag(verb: string, flag: { long?: string; short?: string }): string | undefined {
  for (const entry of [...(REAL_FLAGS[verb] ?? []), ...REAL_GLOBAL_FLAGS]) {
    const [long, short] = entry.split('/')
    if (flag.long !== undefined && flag.long === long) return long
    if (flag.short !== undefined && short !== undefined && flag.short === short) return long
  }
  return undefined
}
