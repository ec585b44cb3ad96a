import type { ApiInteraction } from '../shared/public-api/interactions';

/**
 * The identity of one interaction: who, what and when. Identical interactions in the same
 * second share it, so the trigger counts them rather than merging them.
 */
export function interactionKey(userId: string, interaction: ApiInteraction): string {
	const { type, date, text, data } = interaction;
	return JSON.stringify([userId, type, date, text ?? '', data ?? null]);
}

/**
 * A short, stable digest of a key (53-bit cyrb53, base 36, at most 11 characters): the
 * trigger stores one per interaction in its overlap, so the workflow's static data stays
 * small on a busy workspace instead of holding every message's text.
 */
export function fingerprint(key: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < key.length; i++) {
		const code = key.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
