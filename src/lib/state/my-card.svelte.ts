// My card and my swap token as reactive state, read from the device. The token is refreshed
// from the server when it is missing, old or close to expiry, and only when online.
import type { CardFields } from '$lib/domain/card';
import { DEFAULT_EVENT_FIELDS, type EventField } from '$lib/domain/event-card';
import type { SwapEncodeResult } from '$lib/domain/swap-payload';
import type { SyncStatus } from '$lib/offline/sync-status';
import type { AppError } from '$lib/pocketbase/errors';
import { photoUrl, readMyCard, type MyCard, type PhotoChange } from '$lib/services/card.service';
import type { LocalSession } from '$lib/services/local-session';
import { sync } from './sync.svelte';
import {
	myCodeText,
	needsNewToken,
	readMyToken,
	refreshMyToken,
	storeMyToken,
	rotateMyToken,
	type MyToken
} from '$lib/services/token.service';

const EMPTY: CardFields = {
	name: '',
	headline: '',
	company: '',
	canHelpWith: '',
	lookingFor: '',
	links: []
};

class MyCardManager {
	card = $state.raw<MyCard | null>(null);
	token = $state.raw<MyToken | null>(null);
	tokenError = $state<AppError | null>(null);
	isLoaded = $state(false);
	isRotating = $state(false);

	fields = $derived<CardFields>(this.card ?? EMPTY);
	eventFields = $derived<readonly EventField[]>(this.card?.eventFields ?? DEFAULT_EVENT_FIELDS);
	photoUrl = $derived(photoUrl(this.card));
	/** My QR code's text, when I have a card and a token for it (with my current event). */
	code = $derived<SwapEncodeResult | null>(
		this.card && this.token && this.token.cardId === this.card.id
			? myCodeText(location.origin, this.token, this.card, sync.currentEvent?.id ?? '')
			: null
	);

	/**
	 * Whether this device knows my card, given the sync's status: it has one, or the server was
	 * asked (a sync finished) or cannot be (offline, failing, signed out there). Until then my card
	 * may still arrive from the server (a new device), and saying I have none would be wrong.
	 */
	isKnown(status: SyncStatus): boolean {
		const { lastSyncedAt, isOnline, lastError, needsSignIn } = status;
		return this.card !== null || lastSyncedAt !== null || !isOnline || !!lastError || needsSignIn;
	}

	/** Reads my card and token from the device, then refreshes the token if it needs it. */
	async load(session: LocalSession): Promise<void> {
		this.card = await readMyCard(session);
		this.token = await readMyToken(session);
		this.isLoaded = true;
		await this.ensureToken(session);
	}

	/** Re-reads the card after the server changed it (an open editor merges it, see CardEditor). */
	async reread(session: LocalSession): Promise<void> {
		this.card = await readMyCard(session);
		await this.ensureToken(session);
	}

	/** The token fetch in flight: the callers meanwhile (load, a sync, a save) share it. */
	#fetching: Promise<void> | null = null;

	/** Fetches a token when the stored one will not do and the server can be reached (once at a time). */
	ensureToken(session: LocalSession): Promise<void> {
		this.#fetching ??= this.#ensureToken(session).finally(() => (this.#fetching = null));
		return this.#fetching;
	}

	async #ensureToken(session: LocalSession): Promise<void> {
		const card = this.card;
		if (!card || !needsNewToken(this.token, card, Date.now() / 1000)) return;
		// A card the server has not confirmed yet (made offline) gets its token after it syncs.
		if (!card.record.created) return;
		if (!navigator.onLine) return;
		const result = await refreshMyToken(session);
		if (result.ok) {
			this.token = result.value;
			this.tokenError = null;
		} else if (result.error.code !== 'card_missing') {
			// card_missing: the card has not reached the server yet; the next sync retries.
			this.tokenError = result.error;
		}
	}

	/** Saves my card; returns the error to show, or null. */
	async save(
		session: LocalSession,
		fields: CardFields,
		photo: PhotoChange,
		eventFields: EventField[]
	): Promise<AppError | null> {
		// Saving loads with the first save: the code screen never needs it.
		const { saveMyCard } = await import('$lib/services/card-save.service');
		const result = await saveMyCard(session, this.card, fields, photo, eventFields);
		this.card = (await readMyCard(session)) ?? this.card;
		if (!result.ok) return result.error;
		void this.ensureToken(session);
		return null;
	}

	/** Replaces my code; returns the error to show, or null. */
	async rotate(session: LocalSession): Promise<AppError | null> {
		this.isRotating = true;
		const result = await rotateMyToken(session);
		this.isRotating = false;
		if (!result.ok) return result.error;
		this.token = result.value;
		return null;
	}

	/** Shows this code from now on (the server issued it, e.g. after I stopped sharing). */
	async adoptToken(session: LocalSession, token: MyToken): Promise<void> {
		await storeMyToken(session, token);
		this.token = token;
	}

	/** Forgets everything (on sign-out). */
	reset(): void {
		this.card = null;
		this.token = null;
		this.tokenError = null;
		this.isLoaded = false;
	}
}

export const myCard = new MyCardManager();
