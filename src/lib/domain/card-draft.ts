// The card editor's draft: what the person has typed, as the inputs hold it, turned into the
// card to save; and the merge that takes in a card arriving while the editor is open (the first
// pull on a new device) without overwriting anything the person has already changed.
import type { CardFields, CardLink, CardTextField, LinkKind } from './card';
import { normaliseLinkInput } from './link-input';

/** The link kinds with an input of their own, in the editor's order. */
export const MAIN_LINK_KINDS = ['linkedin', 'website', 'email', 'phone'] as const;
export type MainLinkKind = (typeof MAIN_LINK_KINDS)[number];

export interface OtherLinkInput {
	label: string;
	url: string;
}

export interface CardDraft {
	text: Record<CardTextField, string>;
	main: Record<MainLinkKind, string>;
	others: OtherLinkInput[];
}

/** The draft a card's fields seed (an email or phone without its mailto:/tel: scheme). */
export function draftOf(card: CardFields): CardDraft {
	const first = (kind: LinkKind) => card.links.find((l) => l.kind === kind)?.url ?? '';
	return {
		text: {
			name: card.name,
			headline: card.headline,
			company: card.company,
			canHelpWith: card.canHelpWith,
			lookingFor: card.lookingFor
		},
		main: {
			linkedin: first('linkedin'),
			website: first('website'),
			email: first('email').replace(/^mailto:/i, ''),
			phone: first('phone').replace(/^tel:/i, '')
		},
		// Other links, and second links of a main kind, each get an input of their own.
		others: card.links
			.filter((l, i) => l.kind === 'other' || card.links.findIndex((m) => m.kind === l.kind) !== i)
			.map((l) => ({ label: l.label ?? '', url: l.url }))
	};
}

export interface DraftLinks {
	/** The links as they will be saved (main kinds first, then others). */
	links: CardLink[];
	/** The input id of each link in `links`, by index. */
	inputIds: string[];
	/** A message per input id whose text is not a link. */
	problems: Record<string, string>;
}

/** The links a draft holds, or its inputs' problems (input ids `link-<kind>`, `other-url-<i>`). */
export function draftLinks(draft: CardDraft): DraftLinks {
	const out: DraftLinks = { links: [], inputIds: [], problems: {} };
	const add = (inputId: string, kind: LinkKind, raw: string, label?: string) => {
		if (!raw.trim()) return;
		const result = normaliseLinkInput(kind, raw);
		if (!result.ok) {
			out.problems[inputId] = result.message;
			return;
		}
		out.links.push(label ? { kind, url: result.url, label } : { kind, url: result.url });
		out.inputIds.push(inputId);
	};
	for (const kind of MAIN_LINK_KINDS) add(`link-${kind}`, kind, draft.main[kind]);
	draft.others.forEach((o, i) => add(`other-url-${i}`, 'other', o.url, o.label.trim()));
	return out;
}

/** The card a draft saves (text trimmed), with the links of `draftLinks`. */
export function cardOfDraft(draft: CardDraft, links: CardLink[]): CardFields {
	return {
		name: draft.text.name.trim(),
		headline: draft.text.headline.trim(),
		company: draft.text.company.trim(),
		canHelpWith: draft.text.canHelpWith.trim(),
		lookingFor: draft.text.lookingFor.trim(),
		links
	};
}

const sameOthers = (a: OtherLinkInput[], b: OtherLinkInput[]) =>
	a.length === b.length && a.every((o, i) => o.label === b[i]?.label && o.url === b[i]?.url);

/**
 * The draft after the card behind it changed from `before` to `after`: each input the person has
 * not touched (still as `before` seeded it) takes the new value; every edited one is kept.
 */
export function mergeDraft(current: CardDraft, before: CardDraft, after: CardDraft): CardDraft {
	const pick = <T>(mine: T, was: T, now: T, same: (a: T, b: T) => boolean) =>
		same(mine, was) ? now : mine;
	const eq = (a: string, b: string) => a === b;
	const text = { ...current.text };
	for (const key of Object.keys(text) as CardTextField[]) {
		text[key] = pick(current.text[key], before.text[key], after.text[key], eq);
	}
	const main = { ...current.main };
	for (const kind of MAIN_LINK_KINDS) {
		main[kind] = pick(current.main[kind], before.main[kind], after.main[kind], eq);
	}
	return {
		text,
		main,
		others: pick(current.others, before.others, after.others, sameOthers)
	};
}
