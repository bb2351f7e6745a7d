// How the Follow-ups screens name prompts, people's states and days, in plain words.
import type { EventPersonState, Prompt, PromptKind } from './follow-ups/types';

/** A prompt's title, for the person it is for ("Thank Ann", "Introduce Ann to Bo"). */
export function promptTitle(kind: PromptKind, name: string, otherName = ''): string {
	switch (kind) {
		case 'needs_note':
			return `Add a note about ${name}`;
		case 'thank_you':
			return `Thank ${name}`;
		case 'promise':
			return `Keep your promise to ${name}`;
		case 'give':
			return `Offer ${name} a hand`;
		case 'introduce':
			return otherName ? `Introduce ${name} to ${otherName}` : `Make an introduction for ${name}`;
		case 'check_in':
			return `Check in with ${name}`;
		case 'card_changed':
			return `Congratulate ${name}`;
		case 'anniversary':
			return `A year since you met ${name}`;
	}
}

export const STATE_LABELS: Record<EventPersonState, string> = {
	needs_note: 'Needs a note',
	ready: 'Ready',
	done: 'Done',
	resting: 'Resting'
};

/** "7 of 12 followed up". */
export function progressSentence(done: number, total: number): string {
	return `${done} of ${total} followed up`;
}

/** Noon of a local date `YYYY-MM-DD` (a day, whatever the hour and the daylight-saving change). */
function noonOf(day: string): Date {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
}

/** Days from `from` to `to` (local dates). */
export function daysFrom(from: string, to: string): number {
	return Math.round((noonOf(to).getTime() - noonOf(from).getTime()) / 86_400_000);
}

/** A planned day as a list heading names it: "Tomorrow", or "Thursday 4 December". */
export function dayLabel(day: string, today: string, locale?: string): string {
	const days = daysFrom(today, day);
	if (days === 0) return 'Today';
	if (days === 1) return 'Tomorrow';
	return noonOf(day).toLocaleDateString(locale, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		timeZone: 'UTC'
	});
}

/**
 * When a prompt is due, relative to today: "due today", "late", "due in 3 days"; or, when the
 * daily cap moved it to a later day than it was due, that it waits for room.
 */
export function dueWords(prompt: Pick<Prompt, 'due' | 'isLate' | 'day'>, today: string): string {
	const days = daysFrom(today, prompt.due);
	if (days <= 0 && prompt.day > today) return 'moved on: today was full';
	if (days > 1) return `due in ${days} days`;
	if (days === 1) return 'due tomorrow';
	if (prompt.isLate) return 'late';
	if (days === 0) return 'due today';
	return days === -1 ? 'due since yesterday' : `due for ${-days} days`;
}
