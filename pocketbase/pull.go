package main

// One pull for every collection a device mirrors: POST /api/tend/pull with each collection's
// cursor answers the records changed since it, one page per collection, in one request instead of
// one request per collection (8 on every app open, and again after every change notice).
//
// Invariants (the same as the device's per-collection pull, pull.ts):
//   - each collection is read under its own list rule, with the same field resolver the list API
//     uses, so a pull never returns a record that GET /api/collections/{c}/records would not, and
//     records are enriched (hidden fields, onRecordEnrich hooks) as that API enriches them;
//   - the device sends no filter: the only condition besides the rule is the cursor, a keyset on
//     (updated, id) with bound parameters, so nothing can be probed through a filter here;
//   - only the synced collections can be named; anything else is refused 400 before a query runs;
//   - a page holds at most pullPageSize records per collection and says whether more follow.

import (
	"encoding/json"
	"net/http"
	"regexp"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

const (
	pullPath = "/api/tend/pull"
	// The records per collection in one answer (the device's PAGE_SIZE).
	pullPageSize = 200
)

// pullCollectionNames are the collections a device mirrors (schema.ts RECORD_STORES).
var pullCollectionNames = map[string]bool{
	"cards":        true,
	"connections":  true,
	"interactions": true,
	"decisions":    true,
	"events":       true,
	"card_changes": true,
	"share_backs":  true,
	"settings":     true,
}

// A cursor is PocketBase's datetime text of the last record pulled, and its id (or none: the
// first page after a moment).
var (
	pullUpdatedPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$`)
	pullIdPattern      = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)

type pullCursor struct {
	Updated string `json:"updated"`
	Id      string `json:"id"`
}

// validPullCursor: empty (from the start), a datetime alone (from that moment on) or both.
func validPullCursor(c pullCursor) bool {
	if c.Updated == "" {
		return c.Id == ""
	}
	return pullUpdatedPattern.MatchString(c.Updated) && (c.Id == "" || pullIdPattern.MatchString(c.Id))
}

type pullRequest struct {
	// collection name → where to go on from (empty: from the start)
	Collections map[string]pullCursor `json:"collections"`
}

type pullPage struct {
	Items []*core.Record `json:"items"`
	More  bool           `json:"more"`
}

func bindPull(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.POST(pullPath, servePull)
		return se.Next()
	})
}

func pullBadRequest(e *core.RequestEvent, message string) error {
	return sendFailure(e, http.StatusBadRequest, "invalid", message)
}

func servePull(e *core.RequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != "users" {
		return sendFailure(e, http.StatusUnauthorized, "unauthorized", "Sign in again to sync.")
	}
	var body pullRequest
	decoder := json.NewDecoder(e.Request.Body)
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&body); err != nil {
		return pullBadRequest(e, "The pull request is not valid JSON.")
	}
	if len(body.Collections) == 0 {
		return pullBadRequest(e, "Name at least one collection to pull.")
	}
	for name, cursor := range body.Collections {
		if !pullCollectionNames[name] {
			return pullBadRequest(e, "A collection that cannot be pulled was named.")
		}
		if !validPullCursor(cursor) {
			return pullBadRequest(e, "A cursor is not valid.")
		}
	}
	requestInfo, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	// The rules see what a list request would: the auth and headers, no body and no query.
	info := *requestInfo
	info.Method = http.MethodGet
	info.Body = map[string]any{}
	info.Query = map[string]string{}

	pages := make(map[string]pullPage, len(body.Collections))
	for name, cursor := range body.Collections {
		page, err := pullOne(e, &info, name, cursor)
		if err != nil {
			return err
		}
		pages[name] = page
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.JSON(http.StatusOK, map[string]any{"collections": pages})
}

// pullOne reads one page of a collection after the cursor, under the collection's list rule.
func pullOne(e *core.RequestEvent, info *core.RequestInfo, name string, cursor pullCursor) (pullPage, error) {
	collection, err := e.App.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return pullPage{}, e.InternalServerError("", err)
	}
	if collection.ListRule == nil {
		// superusers only: a device never sees this collection
		return pullPage{}, e.ForbiddenError("", nil)
	}
	query := e.App.RecordQuery(collection)
	resolver := core.NewRecordFieldResolver(e.App, collection, info, true)
	if cursor.Updated != "" {
		expr, err := search.FilterData("updated > {:u} || (updated = {:u} && id > {:id})").
			BuildExpr(resolver, dbx.Params{"u": cursor.Updated, "id": cursor.Id})
		if err != nil {
			return pullPage{}, e.InternalServerError("", err)
		}
		query.AndWhere(expr)
	}
	provider := search.NewProvider(resolver).
		Query(query).
		SkipTotal(true).
		PerPage(pullPageSize + 1).
		AddSort(search.SortField{Name: "updated", Direction: search.SortAsc}).
		AddSort(search.SortField{Name: "id", Direction: search.SortAsc})
	if *collection.ListRule != "" {
		provider.AddFilter(search.FilterData(*collection.ListRule))
	}
	records := []*core.Record{}
	if _, err := provider.Exec(&records); err != nil {
		return pullPage{}, e.InternalServerError("", err)
	}
	more := len(records) > pullPageSize
	if more {
		records = records[:pullPageSize]
	}
	if err := apis.EnrichRecords(e, records); err != nil {
		return pullPage{}, e.InternalServerError("", err)
	}
	return pullPage{Items: records, More: more}, nil
}
