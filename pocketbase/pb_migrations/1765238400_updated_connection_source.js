/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Where a contact without an account came from: `source` on connections is `imported` (a .vcf
// file or LinkedIn's Connections.csv, or a restored Tend export) or `scanned` (a badge's or
// another app's code); '' for a swap (it has a card) and for what came before this field.
// Down: the field goes (the contacts stay, as contacts without an account).

const SOURCES = ['imported', 'scanned'];

migrate(
	(app) => {
		const connections = app.findCollectionByNameOrId('connections');
		connections.fields.add(new SelectField({ name: 'source', values: SOURCES, maxSelect: 1 }));
		app.save(connections);
	},
	(app) => {
		const connections = app.findCollectionByNameOrId('connections');
		connections.fields.removeByName('source');
		app.save(connections);
	}
);
