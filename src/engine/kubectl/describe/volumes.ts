import type { PrefixWriter } from './writer'

/**
 * `describeVolumes` for the volume sources the playground's pods use; other sources print
 * `<unknown>` as kubectl does for a type it cannot describe.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function describeVolumes(volumes: Record<string, any>[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes?.length) return w.write(0, `${space}Volumes:\t<none>\n`)
  w.write(0, `${space}Volumes:\n`)
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`)
    if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit ? String(v.emptyDir.sizeLimit) : '<unset>'
      w.write(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${limit}\n`)
    } else if (v.hostPath) {
      w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`)
    } else if (v.configMap) {
      w.write(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${v.configMap.optional === true}\n`)
    } else if (v.secret) {
      w.write(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${v.secret.optional === true}\n`)
    } else if (v.projected) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n')
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`)
        if (s.configMap) w.write(2, `ConfigMapName:\t${s.configMap.name}\n    Optional:\t${s.configMap.optional === true}\n`)
        if (s.downwardAPI) w.write(2, 'DownwardAPI:\ttrue\n')
      }
    } else w.write(1, '<unknown>\n')
  }
}
