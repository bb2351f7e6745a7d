// My card as reactive state: loaded once per session, replaced wholesale after each save.
import type { CardFields, CardLink } from '$lib/domain/card';
import type { AppError } from '$lib/pocketbase/errors';
import type { CardsResponse } from '$lib/pocketbase/pocketbase-types';
import { loadMyCard, photoUrl, saveMyCard, type PhotoChange } from '$lib/services/card.service';

const EMPTY: CardFields = {
	name: '',
	headline: '',
	company: '',
	canHelpWith: '',
	lookingFor: '',
	links: []
};

/** The editable fields of a stored card (links that are not a list are dropped). */
function toFields(card: CardsResponse | null): CardFields {
	if (!card) return EMPTY;
	return {
		name: card.name,
		headline: card.headline,
		company: card.company,
		canHelpWith: card.canHelpWith,
		lookingFor: card.lookingFor,
		links: Array.isArray(card.links) ? (card.links as CardLink[]) : []
	};
}

class MyCardManager {
	record = $state.raw<CardsResponse | null>(null);
	isLoading = $state(false);
	loadError = $state<AppError | null>(null);
	/** Bumped by each load, so an editor re-seeds from a freshly loaded card (not after a save). */
	loadCount = $state(0);

	fields = $derived(toFields(this.record));
	photoUrl = $derived(photoUrl(this.record));

	/** Loads my card from the server. */
	async load(): Promise<void> {
		this.isLoading = true;
		this.loadError = null;
		const result = await loadMyCard();
		this.isLoading = false;
		if (result.ok) {
			this.record = result.value;
			this.loadCount++;
		} else this.loadError = result.error;
	}

	/** Saves my card; returns the error to show, or null. */
	async save(fields: CardFields, photo: PhotoChange): Promise<AppError | null> {
		const result = await saveMyCard(this.record?.id ?? null, fields, photo);
		if (!result.ok) return result.error;
		this.record = result.value;
		return null;
	}

	/** Forgets the card (on sign-out). */
	reset(): void {
		this.record = null;
		this.loadError = null;
	}
}

export const myCard = new MyCardManager();
