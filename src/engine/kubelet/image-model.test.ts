import { describe, expect, it } from 'vitest'
import { imageFacts, parseImage, pullDurationMs } from './image-model'

describe('parseImage (containerd normalisation)', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.53', 'registry.k8s.io/e2e-test-images/agnhost:2.53'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ])('%s → %s', (raw, canonical) => expect(parseImage(raw).canonical).toBe(canonical))
})

describe('imageFacts (the simulated registry)', () => {
  it.each([
    ['nginx', true],
    ['nginx:1.14.2', true],
    ['nginx:1.16.1', true],
    ['nginx:1.27.3-alpine', true],
    ['nginx:stable-alpine', true],
    ['nginx:1.161', false], // the Deployment tutorial's typo
    ['nginx:does-not-exist', false],
    ['busybox:1.36', true],
    ['busybox:1.99', false],
    ['mycompany/shop:v42', true],
    ['mycompany/shop:nonexistent', false],
    ['does-not-exist', false],
  ])('%s exists: %s', (raw, exists) => expect(imageFacts(raw).exists).toBe(exists))

  it('a missing tag fails with containerd NotFound', () => {
    expect(imageFacts('nginx:1.161').error).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    )
  })

  it('a missing repository fails with pull access denied', () => {
    expect(imageFacts('does-not-exist').error).toContain('pull access denied, repository does not exist or may require authorization')
  })

  it('pull time: nginx 2–3 s, busybox well under 1 s, a present image only resolves', () => {
    const nginx = imageFacts('nginx')
    for (const r of [0, 0.5, 0.999]) {
      expect(pullDurationMs(nginx, false, r)).toBeGreaterThanOrEqual(2000)
      expect(pullDurationMs(nginx, false, r)).toBeLessThanOrEqual(3300)
      expect(pullDurationMs(imageFacts('busybox'), false, r)).toBeLessThan(1000)
      expect(pullDurationMs(nginx, true, r)).toBeLessThan(800)
    }
  })

  it('image IDs are stable digests', () => {
    expect(imageFacts('nginx:1.27').imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(imageFacts('nginx:1.27').imageID).toBe(imageFacts('docker.io/library/nginx:1.27').imageID)
  })
})
