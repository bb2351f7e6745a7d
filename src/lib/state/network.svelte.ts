// The signed-in user's network (see network-model.svelte.ts): follows the sync manager's session,
// and re-reads what each local write or sync run changed.
import { Network } from './network-model.svelte';
import { sync } from './sync.svelte';

export { type TimelineEntry } from './network-model.svelte';

export const network = new Network();

$effect.root(() => {
	$effect(() => {
		void network.attach(sync.session);
	});
	// Keeps the derived views connected, so reads from event handlers use the cached values
	// instead of rebuilding 5,000 summaries each time.
	$effect(() => network.touchViews());
});
sync.onRecords((collection, ids) => void network.refresh(collection, ids));
// The follow-up plan follows the read model (today's count in the navigation, where the app opens).
void import('./follow-ups.svelte');
// The current event follows the events I joined (the header, swaps and my code carry it).
void import('./events.svelte');
