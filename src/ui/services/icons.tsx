/** Line icons of the Services feature (24×24, stroke = currentColor), like src/ui/icons.tsx. */
const PATHS = {
  service: (
    <>
      <circle cx="12" cy="5" r="2.5" />
      <circle cx="5" cy="19" r="2.5" />
      <circle cx="12" cy="19" r="2.5" />
      <circle cx="19" cy="19" r="2.5" />
      <path d="M12 7.5v9M12 10l-6.2 6.6M12 10l6.2 6.6" />
    </>
  ),
  laptop: (
    <>
      <rect x="4.5" y="5" width="15" height="10" rx="1.5" />
      <path d="M2.5 19h19l-2-4h-15z" />
    </>
  ),
  cloud: <path d="M7 18h10.5a4 4 0 0 0 .6-7.96A6 6 0 0 0 6.6 9.1 4.5 4.5 0 0 0 7 18z" />,
  chip: (
    <>
      <rect x="6" y="6" width="12" height="12" rx="2" />
      <path d="M9 2.5V6M15 2.5V6M9 18v3.5M15 18v3.5M2.5 9H6M2.5 15H6M18 9h3.5M18 15h3.5" />
    </>
  ),
  packet: <rect x="4" y="7" width="16" height="10" rx="3" fill="currentColor" stroke="none" />,
  warn: (
    <>
      <path d="M12 3 2 20h20z" />
      <path d="M12 9.5v5M12 17.2v.3" />
    </>
  ),
  chart: <path d="M4 20V4M4 20h16M7 16l4-5 3 3 5-7" />,
} as const

export type SvcIconName = keyof typeof PATHS

export function SvcIcon({ name, size = 16 }: { name: SvcIconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[name]}
    </svg>
  )
}
