// What happened between us, in words: the kinds I can log and how the log form asks about each,
// the title of a timeline entry (naming the other people it names), and the one kind sentence
// shown when I am about to ask someone I already lean on. Pure: the components only render these.
import type { Ledger } from './ledger';
import { leansOn } from './ledger';
import type { Interaction, InteractionKind, Mode } from './records';

/** What the log form logs (`met` comes from the swap, `note` from the memory note). */
export const LOG_KINDS = ['gave', 'asked', 'introduced', 'conversation', 'followed_up'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export const LOG_KIND_LABELS: Record<LogKind, string> = {
	gave: 'Gave',
	asked: 'Asked',
	introduced: 'Introduced',
	conversation: 'Talked',
	followed_up: 'Followed up'
};

/** The label of the text field for each kind (required for a give or an ask: the "what"). */
export const TEXT_LABELS: Record<LogKind, string> = {
	gave: 'What did you give?',
	asked: 'What did you ask for?',
	introduced: 'Why introduce them? (optional)',
	conversation: 'What did you talk about? (optional)',
	followed_up: 'What did you say? (optional)'
};

export const MODE_LABELS: Record<Exclude<Mode, ''>, string> = {
	in_person: 'In person',
	call: 'Call',
	message: 'Message',
	online: 'Online',
	email: 'Email'
};

/** The ways each kind can happen (kinds not listed have no mode); the first is the default. */
export const MODE_CHOICES: Partial<Record<LogKind, readonly Exclude<Mode, ''>[]>> = {
	conversation: ['in_person', 'call', 'message', 'online'],
	followed_up: ['email', 'message', 'call', 'in_person']
};

/** The mode a kind starts with ('' for kinds without one). */
export function defaultMode(kind: LogKind): Mode {
	return MODE_CHOICES[kind]?.[0] ?? '';
}

/** The mode kept when switching kinds: the current one if the new kind offers it. */
export function modeFor(kind: LogKind, current: Mode): Mode {
	const choices = MODE_CHOICES[kind];
	if (!choices) return '';
	return current && choices.includes(current as Exclude<Mode, ''>) ? current : defaultMode(kind);
}

/** A give or an ask says what it was; the form shows this next to the text field. */
export function missingWhat(kind: LogKind, text: string): string | null {
	if (text.trim()) return null;
	if (kind === 'gave') return 'Say what you gave, in a few words.';
	if (kind === 'asked') return 'Say what you asked for, in a few words.';
	return null;
}

const MODE_WORDS: Record<Exclude<Mode, ''>, string> = {
	in_person: 'in person',
	call: 'by call',
	message: 'by message',
	online: 'online',
	email: 'by email'
};

/** A timeline entry's title: a lead, followed by the other people it names (as links). */
export interface EntryTitle {
	lead: string;
	/** The other people named (connection ids), in the record's order. */
	others: string[];
}

const LEADS: Record<InteractionKind, string> = {
	met: 'You met',
	note: 'Note',
	gave: 'You gave',
	asked: 'You asked',
	introduced: 'You introduced',
	conversation: 'You talked',
	followed_up: 'You followed up'
};

/**
 * The title of an interaction on the timeline of `personId` (called `name`): "You introduced Ann
 * to" Bo, "You talked by call, together with" Bo and Cy, "You gave".
 */
export function entryTitle(interaction: Interaction, personId: string, name: string): EntryTitle {
	const others = interaction.people.filter((p) => p !== personId);
	const mode = interaction.mode ? MODE_WORDS[interaction.mode] : '';
	const kind = interaction.kind;
	if (kind === 'conversation' || kind === 'followed_up') {
		const lead = [LEADS[kind], mode].filter(Boolean).join(' ');
		return others.length ? { lead: `${lead}, together with`, others } : { lead, others };
	}
	if (kind === 'introduced') {
		return others.length
			? { lead: `${LEADS.introduced} ${name} to`, others }
			: { lead: `${LEADS.introduced} ${name} to someone`, others };
	}
	return { lead: LEADS[kind], others: [] };
}

/** Kinds I may edit and delete on the timeline (`met` belongs to the swap). */
export function isEditable(interaction: Pick<Interaction, 'kind'>): boolean {
	return interaction.kind !== 'met';
}

/** The kind sentence before an ask to someone I lean on already; null when there is none to say. */
export function askWarning(name: string, ledger: Ledger): string | null {
	if (!leansOn(ledger)) return null;
	return `You have asked ${name} more than you have given so far. Could you give something first?`;
}

/** "Ann, Bo and Cy". */
export function namesList(names: readonly string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
