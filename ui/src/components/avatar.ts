// Why: a profile's coloured initial, identical wherever the profile appears (picker, unlock, navbar).
import { html, type TemplateResult } from "lit-html";
import { avatarColorIndex } from "../lib/avatar";
import { initialOf } from "../lib/format";

export type AvatarSize = "sm" | "md" | "lg";

/** Decorative: the name is always written next to it, so screen readers skip the avatar. */
export function avatar(profile: { id: string; name: string }, size: AvatarSize = "md"): TemplateResult {
  return html`<span class="avatar avatar-${size} avatar-c${avatarColorIndex(profile.id)}" aria-hidden="true"
    >${initialOf(profile.name)}</span
  >`;
}
