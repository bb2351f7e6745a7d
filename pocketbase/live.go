package main

// Live change notices: each signed-in device holds one stream (GET /api/tend/live, server-sent
// events) on which the server says only WHICH of its collections changed for that user; the device
// then pulls them by cursor, under the collections' own rules. A change is delivered by a map
// lookup per user it concerns (a record's owner, a share-back's card owner, an event's members), so
// its cost never grows with the number of people connected. A change reaching many people at
// once (an event edited) asks their devices to spread their pulls (spreadMs, see spreadFor).
//
// PocketBase's own realtime (/api/realtime) is refused: its broadcast walks every connected client
// for every record saved, subscribed or not, so a hall of idle phones (or one hostile script
// holding thousands of connections) would make every swap slow. With no client connected that walk
// ends at once.
//
// Privacy: a notice names collections, never records or fields, and reaches only streams opened
// with that user's valid token; a changed token key (password change, sign out everywhere) or a
// deleted account ends the user's streams, and a stream ends when its token expires.

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/security"
)

const (
	livePath = "/api/tend/live"
	// A comment line this often keeps venue NATs and proxies from dropping an idle stream, and
	// finds dead connections.
	livePingEvery = 25 * time.Second
	// A stream is ended after this long (the device reconnects at once), so none lives forever.
	liveMaxLifetime = 30 * time.Minute
	// Streams one user may hold at once (phones, tablets, tabs); the oldest ends first.
	liveStreamsPerUser = 8
	// A change that concerns more people than this (an event edited: every member hears of it)
	// asks each device to wait a random part of a spread before pulling, 2 ms per person up to a
	// minute, so a 70,000-person event's pulls arrive over a minute (~1,200/s) instead of at once.
	liveSpreadAbove     = 200
	liveSpreadPerPerson = 2 * time.Millisecond
	liveMaxSpread       = time.Minute
)

// spreadFor is how long the pulls after a change reaching `audience` people should be spread over.
func spreadFor(audience int) time.Duration {
	if audience <= liveSpreadAbove {
		return 0
	}
	return min(liveMaxSpread, time.Duration(audience)*liveSpreadPerPerson)
}

// liveCollections maps a server collection to the device collection its change makes stale.
var liveCollections = map[string]string{
	"cards":         "cards",
	"connections":   "connections",
	"interactions":  "interactions",
	"decisions":     "decisions",
	"card_changes":  "card_changes",
	"settings":      "settings",
	"share_backs":   "share_backs",
	"events":        "events",
	"event_members": "events",
}

type liveStream struct {
	tokenKey string
	opened   time.Time
	mu       sync.Mutex
	pending  map[string]struct{}
	spread   time.Duration // the largest spread among the pending changes
	wake     chan struct{}
	end      chan struct{}
	endOnce  sync.Once
}

func newLiveStream(tokenKey string) *liveStream {
	return &liveStream{
		tokenKey: tokenKey,
		opened:   time.Now(),
		pending:  map[string]struct{}{},
		wake:     make(chan struct{}, 1),
		end:      make(chan struct{}),
	}
}

// mark adds a collection to the next notice; never blocks (notices coalesce while one is written).
func (s *liveStream) mark(collection string, spread time.Duration) {
	s.mu.Lock()
	s.pending[collection] = struct{}{}
	s.spread = max(s.spread, spread)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *liveStream) take() ([]string, time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.pending))
	for name := range s.pending {
		names = append(names, name)
	}
	clear(s.pending)
	sort.Strings(names)
	spread := s.spread
	s.spread = 0
	return names, spread
}

func (s *liveStream) close() { s.endOnce.Do(func() { close(s.end) }) }

type liveHub struct {
	mu     sync.RWMutex
	byUser map[string][]*liveStream
}

func newLiveHub() *liveHub { return &liveHub{byUser: map[string][]*liveStream{}} }

func (h *liveHub) add(user string, s *liveStream) {
	h.mu.Lock()
	streams := append(h.byUser[user], s)
	if len(streams) > liveStreamsPerUser {
		streams[0].close()
		streams = streams[1:]
	}
	h.byUser[user] = streams
	h.mu.Unlock()
}

func (h *liveHub) remove(user string, s *liveStream) {
	h.mu.Lock()
	defer h.mu.Unlock()
	streams := h.byUser[user]
	for i, each := range streams {
		if each == s {
			streams = append(streams[:i:i], streams[i+1:]...)
			break
		}
	}
	if len(streams) == 0 {
		delete(h.byUser, user)
	} else {
		h.byUser[user] = streams
	}
}

// notify marks a collection changed on every stream of a user (a map lookup; nothing if none).
func (h *liveHub) notify(user, collection string, spread time.Duration) {
	if user == "" {
		return
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, s := range h.byUser[user] {
		s.mark(collection, spread)
	}
}

// endStale ends a user's streams opened with another token key (or all of them: keep "").
func (h *liveHub) endStale(user, keep string) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, s := range h.byUser[user] {
		if keep == "" || s.tokenKey != keep {
			s.close()
		}
	}
}

// users the change of a record concerns: the device collection to pull, and who pulls it.
func liveAudience(app core.App, record *core.Record) (string, []string) {
	name := record.Collection().Name
	target, isLive := liveCollections[name]
	if !isLive {
		return "", nil
	}
	switch name {
	case "share_backs":
		var owner string
		err := app.DB().Select("owner").From("cards").
			Where(dbx.HashExp{"id": record.GetString("card")}).Row(&owner)
		if err != nil {
			return target, nil
		}
		return target, []string{owner}
	case "event_members":
		return target, []string{record.GetString("user")}
	case "events":
		var members []string
		err := app.DB().Select("user").From("event_members").
			Where(dbx.HashExp{"event": record.Id}).Column(&members)
		if err != nil {
			members = nil
		}
		return target, append(members, record.GetString("organiser"))
	default:
		return target, []string{record.GetString("owner")}
	}
}

func liveSignIn(e *core.RequestEvent) error {
	return sendFailure(e, http.StatusUnauthorized, "unauthorized", "Sign in again to get live updates.")
}

// bindLive registers the live route, the notices after each committed change, the stream endings
// on token changes, and the refusal of PocketBase's per-record realtime.
func bindLive(app core.App, epoch *dataEpoch) *liveHub {
	hub := newLiveHub()

	changed := func(e *core.RecordEvent) error {
		target, users := liveAudience(e.App, e.Record)
		spread := spreadFor(len(users))
		for _, user := range users {
			hub.notify(user, target, spread)
		}
		return e.Next()
	}
	// After-success hooks run once the transaction has committed, so a pull sees the change.
	app.OnRecordAfterCreateSuccess().BindFunc(changed)
	app.OnRecordAfterUpdateSuccess().BindFunc(changed)
	app.OnRecordAfterDeleteSuccess().BindFunc(changed)

	app.OnRecordAfterUpdateSuccess("users").BindFunc(func(e *core.RecordEvent) error {
		hub.endStale(e.Record.Id, e.Record.TokenKey())
		return e.Next()
	})
	app.OnRecordAfterDeleteSuccess("users").BindFunc(func(e *core.RecordEvent) error {
		hub.endStale(e.Record.Id, "")
		return e.Next()
	})

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id: "tendRealtimeMoved",
			Func: func(e *core.RequestEvent) error {
				if e.Request.URL.Path == "/api/realtime" {
					return sendFailure(e, http.StatusGone, "realtime_moved",
						"Live updates moved to "+livePath+": reload the app.")
				}
				return e.Next()
			},
		})
		se.Router.GET(livePath, func(e *core.RequestEvent) error { return serveLive(e, hub, epoch) })
		return se.Next()
	})
	return hub
}

func serveLive(e *core.RequestEvent, hub *liveHub, epoch *dataEpoch) error {
	if e.Auth == nil || e.Auth.Collection().Name != "users" {
		return liveSignIn(e)
	}
	user := e.Auth.Id
	lifetime := liveMaxLifetime
	if exp := tokenExpiry(e.Request.Header.Get("Authorization")); !exp.IsZero() {
		if left := time.Until(exp); left < lifetime {
			lifetime = left
		}
	}
	if lifetime <= 0 {
		return liveSignIn(e)
	}

	rc := http.NewResponseController(e.Response)
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return e.InternalServerError("Could not open the live stream.", err)
	}
	header := e.Response.Header()
	header.Set("Content-Type", "text/event-stream")
	header.Set("Cache-Control", "no-store")
	header.Set("X-Accel-Buffering", "no")
	e.Response.WriteHeader(http.StatusOK)

	stream := newLiveStream(e.Auth.TokenKey())
	hub.add(user, stream)
	defer hub.remove(user, stream)

	write := func(chunk string) bool {
		if _, err := e.Response.Write([]byte(chunk)); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// hello: anything may have changed while the device was not connected, so it pulls everything;
	// the data epoch tells it whether a restore may have lost what it was told was saved.
	hello, _ := json.Marshal(map[string]any{"epoch": epoch.get()})
	if !write("event: hello\ndata: " + string(hello) + "\n\n") {
		return nil
	}

	ping := time.NewTicker(livePingEvery)
	defer ping.Stop()
	ends := time.NewTimer(lifetime)
	defer ends.Stop()
	for {
		select {
		case <-stream.wake:
			names, spread := stream.take()
			if len(names) == 0 {
				continue
			}
			notice := map[string]any{"collections": names}
			if spread > 0 {
				notice["spreadMs"] = spread.Milliseconds()
			}
			data, _ := json.Marshal(notice)
			if !write("event: change\ndata: " + string(data) + "\n\n") {
				return nil
			}
		case <-ping.C:
			if !write(": ping\n\n") {
				return nil
			}
		case <-ends.C:
			return nil
		case <-stream.end:
			return nil
		case <-e.Request.Context().Done():
			return nil
		}
	}
}

// tokenExpiry reads the exp claim of an (already verified) auth token; zero when there is none.
func tokenExpiry(token string) time.Time {
	claims, err := security.ParseUnverifiedJWT(strings.TrimPrefix(token, "Bearer "))
	if err != nil {
		return time.Time{}
	}
	exp, isNumber := claims["exp"].(float64)
	if !isNumber {
		return time.Time{}
	}
	return time.Unix(int64(exp), 0)
}
