// Why: an avatar's colour must be the same for a profile on every screen and every run, so it is a pure function of the profile id.

/** How many avatar colours the stylesheet defines (`.avatar-c0` … `.avatar-c{N-1}` in main.scss). */
export const AVATAR_PALETTE_SIZE = 8;

/** 32-bit FNV-1a over UTF-16 code units: tiny, stable and well spread for short ids. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Palette slot for a profile id, in `[0, size)`. */
export function avatarColorIndex(id: string, size: number = AVATAR_PALETTE_SIZE): number {
  return fnv1a(id) % size;
}
