// The small pieces every why sentence is made of. Invariant: no piece ever says "undefined", an
// empty quote or a dangling "at": a missing fact leaves its words out.

/** Quotes in a why are clipped to about this many characters. */
export const QUOTE_CHARS = 80;

/** A text on one line, at most `max` characters, cut at a word boundary with an ellipsis. */
export function clipped(text: string, max = QUOTE_CHARS): string {
	const chars = Array.from(text.replace(/\s+/g, ' ').trim());
	if (chars.length <= max) return chars.join('');
	const cut = chars.slice(0, max - 1).join('');
	const space = cut.lastIndexOf(' ');
	const words = space > max / 2 ? cut.slice(0, space) : cut;
	return `${words.replace(/[\s,;:.!?-]+$/u, '')}…`;
}

/** ‘text’ clipped, or '' for a blank text. */
export function quoted(text: string): string {
	const clip = clipped(text);
	return clip ? `‘${clip}’` : '';
}

/** The first word of a name ('' for none). */
export function firstNameOf(name: string): string {
	const trimmed = name.trim();
	const space = trimmed.search(/\s/);
	return space < 0 ? trimmed : trimmed.slice(0, space);
}

/** How a why names a person: their first name, or "this person". */
export function who(firstName: string): string {
	return firstName || 'this person';
}

/** "Ann's" / "Their". */
export function whose(firstName: string): string {
	return firstName ? `${firstName}’s` : 'Their';
}

/** " at DevConf", or '' when not met at an event. */
export function atEvent(eventName: string): string {
	const name = eventName.trim();
	return name ? ` at ${name}` : '';
}
