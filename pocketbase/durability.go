package main

// How SQLite commits. Invariant: a swap (or any write) the server has acknowledged is on disk
// before the answer leaves, so a power loss cannot drop what a phone has already removed from its
// outbox. PocketBase opens its databases with synchronous=NORMAL, under which a WAL commit is
// not fsynced (the WAL is synced only at checkpoints); the data database here runs with
// synchronous=FULL, which syncs the WAL on every commit. The auxiliary database (request logs)
// keeps NORMAL: losing its last moments costs nothing.
//
// TEND_DB_SYNCHRONOUS=normal brings PocketBase's default back (the bench compares the two side
// by side); any other value but "full" or "" stops the server with a message.

import (
	"fmt"
	"log"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// pageCacheKiB is each SQLite connection's page cache: SQLite's own default, 2 MB, instead of
// PocketBase's 32 MB. The caches fill as the database grows and a busy server keeps a dozen
// connections or more open, so with 32 MB the server's memory rose with the database through a
// whole 10-minute soak (bench-soak.js: 80 → 119 MB beyond Go's in 4 minutes; with 2 MB, 34 → 51,
// leveling off). Swaps/s did not move (scripts/profile-swaps.js, side by side: 569 and 430/s with
// 32 MB, 524 and 427/s with 2 MB): what is not in the page cache is in the kernel's file cache.
const pageCacheKiB = 2000

// pragmas are PocketBase's own (core.DefaultDBConnect), with synchronous and the page cache (in
// KiB, per connection) as chosen.
func pragmas(synchronous string, cacheKiB int) string {
	return "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
		"&_pragma=synchronous(" + synchronous + ")&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)" +
		"&_pragma=cache_size(-" + strconv.Itoa(cacheKiB) + ")"
}

// durableDBConnect opens data.db with synchronous=FULL (or what TEND_DB_SYNCHRONOUS says).
func durableDBConnect(setting string) core.DBConnectFunc {
	data, err := synchronousOf(setting)
	if err != nil {
		log.Fatal(err)
	}
	return func(dbPath string) (*dbx.DB, error) {
		mode := "NORMAL"
		if filepath.Base(dbPath) == "data.db" {
			mode = data
		}
		return dbx.Open("sqlite", dbPath+pragmas(mode, pageCacheKiB))
	}
}

func synchronousOf(setting string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(setting)) {
	case "", "full":
		return "FULL", nil
	case "normal":
		return "NORMAL", nil
	default:
		return "", fmt.Errorf("TEND_DB_SYNCHRONOUS must be \"full\" (the default) or \"normal\", not %q", setting)
	}
}
