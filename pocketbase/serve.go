package main

// Serving the app's own files (build/, every path that is neither /api nor the admin UI at /_/).
//
// Invariants:
//   - every response carries the app's Content-Security-Policy and the other security headers;
//   - a file the build precompressed (name.br, name.gz beside it) is sent compressed to a browser
//     that accepts it, with the original's Content-Type and `Vary: Accept-Encoding`, unless the
//     copy is older than the file (changed after the build: the file itself is sent);
//   - content-hashed files (/_app/immutable/*) are cached for a year as immutable; everything else
//     (index.html, service-worker.js, the manifest, icons) is `no-cache`: revalidated every time,
//     so a deployment reaches every phone on its next open;
//   - a path with no file gets index.html (the SPA's routes) unless it names a missing file of the
//     build itself (/_app/...), which is a 404: an old page asking for a chunk a new deployment
//     removed must fail as a missing file, not parse HTML as JavaScript;
//   - public pages that carry a code in their fragment (/c, /join) say `X-Robots-Tag: noindex`.
//
// This is Go, not a JS hook: a JS route holds one of the hooks' runtimes for each request it
// serves, and the app's files are most of the requests a phone makes on a cold open.

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// announcerStyle is the hash of SvelteKit's route announcer's style attribute, the app's one
// inline style. If a SvelteKit upgrade changes it, the e2e tests fail on the violation (Chromium
// prints the new hash) and app.css still hides the announcer meanwhile.
const announcerStyle = "'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='"

// appCSP: no inline script (the build moves SvelteKit's start-up code into a file) and no inline
// style but the announcer's; images may be blob: (a photo chosen on the device, before upload);
// the camera needs no CSP source (its stream is not fetched).
var appCSP = strings.Join([]string{
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"style-src-attr 'unsafe-hashes' " + announcerStyle,
	"img-src 'self' blob:",
	"connect-src 'self'",
	"worker-src 'self'",
	"manifest-src 'self'",
	"frame-ancestors 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"object-src 'none'",
}, "; ")

// appHeaders go on every response with the app's own files (PocketBase adds nosniff everywhere).
var appHeaders = map[string]string{
	"Content-Security-Policy": appCSP,
	// The public card page carries its code in the fragment, which is never sent: be strict anyway.
	"Referrer-Policy":    "no-referrer",
	"Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
}

// encodings the build writes beside a file, best first.
var encodings = []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// contentTypes the standard library may not know.
var contentTypes = map[string]string{
	".webmanifest": "application/manifest+json",
	".js":          "text/javascript; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
}

const (
	immutableCache = "public, max-age=31536000, immutable"
	revalidate     = "no-cache"
	indexPage      = "index.html"
)

// serveApp answers GET /{path...} from fsys (the app's build).
func serveApp(fsys fs.FS, indexFallback bool) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		// like apis.Static: successful static requests are not written to the activity log
		e.Set("__skipSuccessActivityLogger", true)

		header := e.Response.Header()
		for name, value := range appHeaders {
			header.Set(name, value)
		}
		urlPath := e.Request.URL.Path
		if urlPath == "/c" || strings.HasPrefix(urlPath, "/c/") || urlPath == "/join" {
			header.Set("X-Robots-Tag", "noindex")
		}

		name := cleanName(e.Request.PathValue("path"))
		if !isFile(fsys, name) {
			if !indexFallback || strings.HasPrefix(name, "_app/") {
				header.Set("Cache-Control", "no-store")
				return router.ErrFileNotFound
			}
			name = indexPage
		}
		return serveFile(e, fsys, name)
	}
}

// cleanName turns the path parameter into a name inside fsys ("" for the root).
func cleanName(raw string) string {
	name := path.Clean("/" + raw)[1:]
	if name == "" {
		return indexPage
	}
	return name
}

// isFile says whether name is a regular file of fsys (not a folder, not a precompressed copy
// asked for by its own name).
func isFile(fsys fs.FS, name string) bool {
	for _, enc := range encodings {
		if strings.HasSuffix(name, enc.suffix) {
			return false
		}
	}
	info, err := fs.Stat(fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// serveFile sends name, precompressed when the browser accepts it and the build has the copy.
func serveFile(e *core.RequestEvent, fsys fs.FS, name string) error {
	header := e.Response.Header()
	header.Set("Content-Type", contentTypeOf(name))
	if strings.HasPrefix(name, "_app/immutable/") {
		header.Set("Cache-Control", immutableCache)
	} else {
		header.Set("Cache-Control", revalidate)
	}
	header.Add("Vary", "Accept-Encoding")

	original, err := fs.Stat(fsys, name)
	if err != nil {
		return router.ErrFileNotFound
	}
	accepted := e.Request.Header.Get("Accept-Encoding")
	for _, enc := range encodings {
		if !accepts(accepted, enc.name) {
			continue
		}
		// A copy older than its original (the file was changed after the build) is never sent.
		copyInfo, err := fs.Stat(fsys, name+enc.suffix)
		if err != nil || copyInfo.ModTime().Before(original.ModTime()) {
			continue
		}
		if ok, err := sendFile(e, fsys, name+enc.suffix, enc.name); ok || err != nil {
			return err
		}
	}
	if ok, err := sendFile(e, fsys, name, ""); ok || err != nil {
		return err
	}
	return router.ErrFileNotFound
}

// sendFile writes one file of fsys with http.ServeContent (conditional requests, ranges, HEAD);
// false when the file is not there.
func sendFile(e *core.RequestEvent, fsys fs.FS, name, encoding string) (bool, error) {
	file, err := fsys.Open(name)
	if err != nil {
		return false, nil
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false, nil
	}
	content, ok := file.(io.ReadSeeker)
	if !ok {
		data, err := io.ReadAll(file)
		if err != nil {
			return true, err
		}
		content = bytes.NewReader(data)
	}
	if encoding != "" {
		e.Response.Header().Set("Content-Encoding", encoding)
	}
	http.ServeContent(e.Response, e.Request, "", info.ModTime(), content)
	return true, nil
}

// contentTypeOf is the Content-Type of the original file (never of its compressed copy).
func contentTypeOf(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if known, ok := contentTypes[ext]; ok {
		return known
	}
	if byExt := mime.TypeByExtension(ext); byExt != "" {
		return byExt
	}
	return "application/octet-stream"
}

// accepts says whether an Accept-Encoding header allows an encoding (a q of 0 refuses it).
func accepts(header, encoding string) bool {
	for _, part := range strings.Split(header, ",") {
		token, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(token), encoding) {
			continue
		}
		params = strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if q, found := strings.CutPrefix(params, "q="); found {
			return strings.Trim(q, "0.") != ""
		}
		return true
	}
	return false
}
