/** The languages the UI speaks, and which one to start in. No React here (the store imports it). */
export const LANGUAGES = { en: 'English', zh: '简体中文' } as const
export type Language = keyof typeof LANGUAGES

/** A saved choice, else the browser's language (zh-* → 简体中文), else English. */
export function initialLanguage(): Language {
  try {
    const saved = globalThis.localStorage?.getItem('kp.language')
    if (saved === 'en' || saved === 'zh') return saved
  } catch {
    // storage may be unavailable (privacy mode); fall through
  }
  const nav = globalThis.navigator?.language ?? 'en'
  return nav.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}
