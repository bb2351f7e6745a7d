// Types for the JS migrations (pb_migrations/*.js; pocketbase/tsconfig.json checks them), where
// PocketBase's declarations (.cache/pocketbase/types.d.ts, generated from its Go types) ask for a
// Go type with methods that the plain JS value a migration hands over lacks, though PocketBase
// takes that value: goja converts a JS array or object into the Go slice or struct when it is
// assigned to a Go field, and `new Collection({...})` unmarshals its argument from JSON. Each is
// cast where it is handed over, e.g. `indexes: /** @type {PlainIndexes} */ (['CREATE INDEX …'])`;
// the cast still refuses a value of another shape. Nothing here exists at run time.
// (A rule set to `undefined` is PocketBase's `null`, superusers only: goja gives Go nil for both,
// and the declarations spell the nil *string as `undefined`.)
// Fields are typed (new TextField({...}), …) and go in through `collection.fields.add(...)`, never
// `new Collection({ fields: [new TextField(...)] })`: that JSON round trip drops the field's type
// and, with it, the field (PocketBase 0.39 saves the collection without it, silently).

/** A collection's `indexes` (Go: types.JSONArray[string]) as a plain array of CREATE INDEX statements. */
type PlainIndexes = types.JSONArray<string>;

/** A rate-limit rule (Go: core.RateLimitRule) as a plain `{ label, audience, duration, maxRequests }`. */
type PlainRateLimitRule = core.RateLimitRule;
