import { hexDigest } from './hex'

/**
 * The simulated registry: which images exist, how big they are and how long they take to
 * pull. No image is ever downloaded; these rules decide what the kubelet reports.
 *
 * Rules (DESIGN "Simulated containers"):
 * 1. A reference is normalised as containerd does: `nginx` → `docker.io/library/nginx:latest`.
 * 2. Known repositories (the table below) have a size and a set of real-looking tags: named
 *    tags (`latest`, `stable`, `alpine`, …) and version tags inside the range the project has
 *    actually released, optionally with a variant (`1.27.3-alpine`). A version outside the range
 *    does not exist — e.g. `nginx:1.161`, the typo in the Kubernetes Deployment tutorial.
 * 3. Any other repository exists with any tag (a generic 50 MB server image), except:
 * 4. A tag that says it does not exist (`does-not-exist`, `nonexistent`, `missing`, `invalid`,
 *    `bogus`, …) fails with containerd's `not found`; a repository named that way fails with
 *    `pull access denied, repository does not exist or may require authorization`.
 * 5. Pull time = 400 ms to resolve the manifest + size at 30 MB/s (nginx ≈ 2.8 s, busybox
 *    ≈ 0.5 s), ±15 % jitter from the seeded RNG. An image already on the node (pull policy
 *    Always) only resolves (≈ 0.4–0.7 s). A failing pull fails after resolving. Pulls on one node
 *    are serialised (kubelet `serializeImagePulls: true`), so a second pull waits its turn.
 *
 * What a *running* container does comes from `container-behaviour.ts`.
 */

export interface ImageRef {
  /** As written in the pod spec (`nginx:1.27`): the text events quote. */
  raw: string
  registry: string
  /** `library/nginx` */
  repository: string
  tag: string
  digest?: string
  /** `docker.io/library/nginx:1.27` — what `containerStatuses[].image` shows once running. */
  canonical: string
}

export interface ImageFacts {
  ref: ImageRef
  exists: boolean
  sizeBytes: number
  /** A full pull (manifest + layers), before jitter. */
  pullMs: number
  /** `docker.io/library/nginx@sha256:…` — `containerStatuses[].imageID`. */
  imageID: string
  /** containerd's error text when the pull fails (the `desc = …` chain). */
  error?: string
  /** The kind of image, for the container behaviour model. */
  kind: ImageKind
}

export type ImageKind = 'server' | 'shell'

export const PULL_MODEL = {
  resolveMs: 400,
  bytesPerSecond: 30_000_000,
  jitter: 0.15,
  /** Resolving an image that is already present (policy Always): resolveMs + up to this. */
  presentExtraMs: 300,
} as const

interface KnownImage {
  sizeBytes: number
  kind: ImageKind
  named: string[]
  /** Released versions: major → highest minor, and the highest patch of any minor. */
  versions: { major: [number, number]; maxMinor: number; maxPatch: number }
}

const SERVER_NAMED = ['latest', 'stable', 'mainline', 'alpine', 'alpine-slim', 'bookworm', 'bullseye', 'perl', 'otel']

/** Repositories we know by name (key: `registry/repository`). Sizes are the compressed linux/amd64 images. */
const KNOWN: Record<string, KnownImage> = {
  'docker.io/library/nginx': { sizeBytes: 72_188_133, kind: 'server', named: SERVER_NAMED, versions: { major: [1, 1], maxMinor: 29, maxPatch: 30 } },
  'docker.io/library/httpd': { sizeBytes: 58_236_501, kind: 'server', named: SERVER_NAMED, versions: { major: [2, 2], maxMinor: 4, maxPatch: 65 } },
  'docker.io/library/redis': { sizeBytes: 45_951_287, kind: 'server', named: SERVER_NAMED, versions: { major: [2, 8], maxMinor: 8, maxPatch: 20 } },
  'docker.io/library/busybox': { sizeBytes: 2_155_700, kind: 'shell', named: ['latest', 'stable', 'musl', 'glibc', 'uclibc'], versions: { major: [1, 1], maxMinor: 37, maxPatch: 9 } },
  'docker.io/library/alpine': { sizeBytes: 3_653_439, kind: 'shell', named: ['latest', 'edge'], versions: { major: [3, 3], maxMinor: 22, maxPatch: 9 } },
  'docker.io/library/ubuntu': { sizeBytes: 29_721_356, kind: 'shell', named: ['latest', 'rolling', 'jammy', 'noble', 'focal'], versions: { major: [14, 25], maxMinor: 10, maxPatch: 9 } },
  'docker.io/library/debian': { sizeBytes: 48_494_272, kind: 'shell', named: ['latest', 'stable', 'bookworm', 'bullseye', 'bookworm-slim', 'trixie'], versions: { major: [7, 13], maxMinor: 11, maxPatch: 0 } },
  'docker.io/curlimages/curl': { sizeBytes: 10_436_123, kind: 'shell', named: ['latest'], versions: { major: [7, 8], maxMinor: 99, maxPatch: 9 } },
  'registry.k8s.io/e2e-test-images/agnhost': { sizeBytes: 51_345_922, kind: 'server', named: [], versions: { major: [2, 2], maxMinor: 56, maxPatch: 0 } },
  // The Kubernetes docs' probe examples use these two.
  'registry.k8s.io/busybox': { sizeBytes: 1_144_547, kind: 'shell', named: ['latest'], versions: { major: [1, 1], maxMinor: 37, maxPatch: 9 } },
  'registry.k8s.io/e2e-test-images/busybox': { sizeBytes: 1_374_155, kind: 'shell', named: [], versions: { major: [1, 1], maxMinor: 37, maxPatch: 9 } },
  'registry.k8s.io/pause': { sizeBytes: 320_368, kind: 'server', named: ['latest'], versions: { major: [3, 3], maxMinor: 10, maxPatch: 0 } },
}

const GENERIC_SIZE = 50_331_648
const BOGUS = /does-?not-?exist|non-?existent|not-?exist|no-?such|missing|invalid|bogus/

/** Normalise a reference the way containerd/docker do (`docker.io/library/` for short names, `:latest` when untagged). */
export function parseImage(raw: string): ImageRef {
  let rest = raw.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  const slash = rest.lastIndexOf('/')
  const colon = rest.lastIndexOf(':')
  let tag = ''
  if (colon > slash) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  const parts = rest.split('/')
  let registry = 'docker.io'
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library')
  const repository = parts.join('/')
  if (!tag && !digest) tag = 'latest'
  const canonical = `${registry}/${repository}${tag ? ':' + tag : ''}${digest ? '@' + digest : ''}`
  return { raw, registry, repository, tag, digest, canonical }
}

/** Everything the simulated registry knows about an image reference. Pure. */
export function imageFacts(raw: string): ImageFacts {
  const ref = parseImage(raw)
  const name = `${ref.registry}/${ref.repository}`
  const known = KNOWN[name]
  const sizeBytes = known?.sizeBytes ?? GENERIC_SIZE
  const kind: ImageKind = known?.kind ?? 'server'
  const pullMs = Math.round(PULL_MODEL.resolveMs + (sizeBytes / PULL_MODEL.bytesPerSecond) * 1000)
  const imageID = ref.digest ? `${name}@${ref.digest}` : `${name}@sha256:${hexDigest(ref.canonical)}`
  const lastSegment = ref.repository.split('/').pop() ?? ''
  let error: string | undefined
  if (BOGUS.test(lastSegment)) error = accessDenied(ref)
  else if (ref.digest) error = undefined
  else if (BOGUS.test(ref.tag) || (known && !tagExists(known, ref.tag))) error = notFound(ref)
  return { ref, exists: !error, sizeBytes, pullMs, imageID, error, kind }
}

function tagExists(k: KnownImage, tag: string): boolean {
  if (k.named.includes(tag)) return true
  // <version>[-<variant>], the variant free-form (`alpine`, `alpine3.21`, `slim`, `bookworm`, `perl`).
  // A build suffix (`1.29-4`, e2e-test-images) counts as a variant.
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([a-z0-9][a-z0-9.-]*))?$/.exec(tag)
  if (!m) return k.named.some((n) => tag.startsWith(n + '-'))
  const [major, minor, patch] = [Number(m[1]), m[2] === undefined ? 0 : Number(m[2]), m[3] === undefined ? 0 : Number(m[3])]
  const v = k.versions
  return major >= v.major[0] && major <= v.major[1] && minor <= v.maxMinor && patch <= v.maxPatch
}

/** containerd's message for a tag the registry does not have. */
function notFound(ref: ImageRef): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.canonical}": failed to resolve reference "${ref.canonical}": ${ref.canonical}: not found`
}

/** containerd's message for a repository that does not exist (Docker Hub answers 401). */
function accessDenied(ref: ImageRef): string {
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.canonical}": failed to resolve reference "${ref.canonical}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
}

/** The duration of one pull, given whether the image is already present; `rand` in [0, 1). */
export function pullDurationMs(facts: ImageFacts, alreadyPresent: boolean, rand: number): number {
  if (alreadyPresent || !facts.exists) return Math.round(PULL_MODEL.resolveMs + rand * PULL_MODEL.presentExtraMs)
  return Math.round(facts.pullMs * (1 - PULL_MODEL.jitter + 2 * PULL_MODEL.jitter * rand))
}
