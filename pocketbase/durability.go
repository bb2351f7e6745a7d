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
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// pragmas are PocketBase's own (core.DefaultDBConnect), with synchronous as chosen.
func pragmas(synchronous string) string {
	return "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
		"&_pragma=synchronous(" + synchronous + ")&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)" +
		"&_pragma=cache_size(-32000)"
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
		return dbx.Open("sqlite", dbPath+pragmas(mode))
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
