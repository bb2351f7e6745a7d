// Prompt ids. Invariant: an id is a pure function of what the prompt is about (its kind, the
// people and the anchor it is counted from), at most 200 characters, so a decision made on one
// device sticks to the same prompt on every other device and after every replan.
import type { PromptKind } from './types';

export const MAX_PROMPT_ID = 200;

/** FNV-1a (32 bits) of a text, in base 36: short, stable and the same on every engine. */
export function shortHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(36);
}

/** `kind:part:part…`; a longer one (ids are 15 characters, so never in practice) is hashed. */
export function promptId(kind: PromptKind, ...parts: string[]): string {
	let id: string = kind;
	for (const part of parts) id += `:${part}`;
	return id.length <= MAX_PROMPT_ID ? id : `${kind}:${shortHash(id)}:${id.length}`;
}

/** An introduction's id names the pair in id order, so it is the same whoever needs whom. */
export function introductionId(a: string, b: string): string {
	return a < b ? promptId('introduce', a, b) : promptId('introduce', b, a);
}
