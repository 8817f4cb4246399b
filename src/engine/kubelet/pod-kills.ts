import type { ScheduledTask } from '../clock'
import type { Container, Pod } from '../api/types'
import { ContainerKill, type KillHost } from './container-kill'
import { isRestartableInitContainer } from './phase'

/**
 * The containers of one pod being killed (`ContainerKill` each), and the order a pod's
 * termination stops them in (`killContainersWithSyncResult` with `terminationOrdering`): every
 * regular container at once with the deletion's grace period; the sidecars once the regular
 * containers have exited, or when the grace period is over — with what is left of it.
 * Playground simplification: sidecars get their `Killing` event when their turn comes, and
 * stop together rather than in reverse order.
 */
export class PodKills {
  private kills = new Map<string, ContainerKill>()
  private deadline?: number
  private sidecarTask?: ScheduledTask

  constructor(
    private readonly host: KillHost,
    /** Something changed for the termination (a container exited, the sidecars' turn came). */
    private readonly resync: () => void,
  ) {}

  /** Start killing one container; `done` when it has exited (a cancelled kill never calls it). */
  start(c: Container, graceS: number, message: string | undefined, done: () => void): void {
    const k = new ContainerKill(this.host, c, graceS, message, () => {
      if (this.kills.get(c.name) === k) this.kills.delete(c.name)
      done()
    })
    if (!k.done) this.kills.set(c.name, k)
  }

  /** The runtime reported the container's exit. */
  exited(name: string): void {
    const k = this.kills.get(name)
    if (!k) return
    this.kills.delete(name)
    k.exited()
  }

  /** The kubelet stops: nothing more happens to these kills. */
  cancel(): void {
    for (const k of this.kills.values()) k.cancel()
    this.host.ctx.clock.cancel(this.sidecarTask)
  }

  /**
   * One pass of pod termination with `graceS` (a later, shorter grace period cuts the waits
   * short; kills already under way, e.g. for a liveness failure, go on within it). True when
   * no container of the pod is left running.
   */
  terminate(pod: Pod, graceS: number): boolean {
    const { ctx, runtime, uid } = this.host
    const now = ctx.clock.now()
    const deadline = now + graceS * 1000
    if (this.deadline === undefined || deadline < this.deadline) {
      this.deadline = deadline
      for (const k of this.kills.values()) k.shorten(graceS)
    }
    const rp = runtime.pod(uid)
    const live = (c: Container) => { const s = rp?.containers.get(c.name)?.state; return s === 'running' || s === 'created' }
    const remainingS = () => Math.max(0, Math.ceil((this.deadline! - ctx.clock.now()) / 1000))
    const regular = pod.spec.containers
    const sidecars = (pod.spec.initContainers ?? []).filter((c) => isRestartableInitContainer(c) || live(c))
    for (const c of regular) if (live(c) && !this.kills.has(c.name)) this.start(c, remainingS(), undefined, this.resync)
    if (!regular.some(live) || ctx.clock.now() >= this.deadline) {
      for (const c of sidecars) if (live(c) && !this.kills.has(c.name)) this.start(c, remainingS(), undefined, this.resync)
    } else if (sidecars.some(live) && !this.sidecarTask) {
      this.sidecarTask = ctx.clock.at(this.deadline, this.resync, { label: `kubelet sidecars ${pod.metadata.namespace}/${pod.metadata.name}` })
    }
    const done = !rp || [...rp.containers.values()].every((c) => c.state === 'exited')
    if (done) ctx.clock.cancel(this.sidecarTask)
    return done
  }
}
