# What the commands print: summaries, progress lines and the framing of failures.
# Every message here has its twin in ../zh/commands.ftl (a test checks both ways).

## Failures (diag.rs Failure::report)
failure-error = error:{" "}
failure-count = { $n ->
    [one] 1 error
   *[other] { $n } errors
}
outcome-build = nothing was written; the previous output is unchanged
outcome-build-partly = the output is partly updated (see above); build again
outcome-nothing-written = nothing was written
outcome-archive = no archive was written
outcome-serve = the last good version stays served
console-cannot-write = cannot write: { $error }
console-cannot-write-hint = what was printed is incomplete: free space where it goes, or send it elsewhere
console-stdout = standard output

## build
build-done = built { $pages } pages and { $files } other files from { $docs } documents in { $secs } s → { $out }
build-unchanged = ({ $n } files unchanged)
drafts-left-out = left out { $n } { $n ->
    [one] draft
   *[other] drafts
} (`draft: true` in the front matter): { $names }; delete that line to publish it (serve and --drafts show drafts)
drafts-more = … and { $n } more

## new, init
new-created = created { $path } as a draft (`{ $line }`)
new-next = serve shows it; build, check and publish leave it out until you delete the line `{ $line }`
init-created = created a new site in { $dir } — next: cd { $dir } && huibian build

## publish
publish-rolled-back = current → releases/{ $release }
publish-list-line = { $mark } { $name }  { $docs } documents
publish-done = published releases/{ $release }: { $added } pages added, { $updated } updated, { $removed } removed; { $files } files changed ({ $mb } MB written), { $linked } unchanged (hard-linked)
publish-dry-run = would publish releases/{ $release }: { $added } pages added, { $updated } updated, { $removed } removed; { $files } files changed ({ $mb } MB written), { $linked } unchanged (hard-linked)
publish-more-pages = … and { $n } more pages
publish-not-atomic = note: { $to } has no symlinks; `current` was updated file by file, so the switch was not atomic
publish-switched = { $current } → releases/{ $release }
publish-pruned = pruned: { $names }
publish-carried = kept { $n } files put into current/ by hand, not the site's, in the new release: { $names }
publish-not-carried = not in the new release: { $n } things put into current/ by hand that publish does not carry (a link, a name that is not UTF-8, or the release's list of its own files is damaged); the release before keeps them: { $names }
publish-kept-release = kept releases/{ $release } past --keep: it holds files put there by hand that the new release does not have: { $names }

## archive, verify
archive-done = archived { $docs } documents ({ $files } files and MANIFEST.sha256, { $mb } MB) → { $path }
verify-ok = { $archive }: all { $files } files match their checksums; the catalog matches the sources
verify-problems = { $archive }: { $n } problem(s) — the archive is not as it was made

## check
check-error = error
check-warning = warning
check-summary = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}

## serve
serve-port-taken = port { $port } is in use; trying { $next }
serve-serving = serving { $root } at { $url } — drafts { $drafts }; Ctrl-C to stop
serve-drafts-shown = shown
serve-drafts-hidden = hidden
serve-every-address = listening on every address of this machine: others open http://<its IP address>:{ $port }/; for a name instead (http://NAME:{ $port }/), add --allowed-host NAME
serve-rebuilt = rebuilt { $pages } page(s) of { $docs } documents in { $ms } ms
serve-rest-rebuilt = {"  "}and the other { $pages } page(s) in the background, { $ms } ms after
serve-building = building { $later } page(s) of { $docs } documents; a page asked for meanwhile is built first
serve-open-first = rebuilt { $pages } page(s) being looked at first, of { $docs } documents, in { $ms } ms; { $later } more follow
serve-took-over = {"  "}({ $pages } page(s) still to render from the edit before are taken into this one)
serve-stopped = stopped

## import
import-done = imported { $n } file(s):
import-would = would import { $n } file(s):
import-files-beside = {" "}(+{ $n } file(s) in its folder)
import-replaced = replaced the existing { $old }; the old one is kept as { $backup }
import-name-taken = the name `{ $base }` is taken in content/{ $section }/: written as `{ $slug }` (slug `{ $slug }`); nothing was overwritten
import-slug-taken = its front matter slug was taken; change it to `{ $slug }`
import-skipped = skipped { $n } file(s) imported before (the same bytes; --force imports them again):
import-warnings = { $n } warning(s):
import-check-before = before publishing, check:
import-redactions = { $n } redaction(s) (***): restore the redacted names
import-blanks = { $n } blank(s) (___): fill them in
import-placeholders = { $n } placeholder(s) (XX, 某某): put in the real names
import-date-of = the date of { $doc }

## archive's progress (archive/mod.rs)
archive-building = archive: building the site (relative links, drafts left out)…
archive-compressing = archive: { $docs } documents, { $files } files and the manifest, { $mb } MB to compress
archive-progress = archive: { $n }/{ $total } files written
empty = {""}
import-dated = date { $iso } { $from }{ $at }{ $mark }
date-from-given = from --date
date-from-signoff = from the 落款 (sign-off)
date-from-under-title = from the date line under the title
date-from-file-name = from the file name
date-from-text = from the running text
date-from-file-time = from the file's modification time
date-at-line = , { $unit } { $n }: 「{ $text }」
date-at-text = : 「{ $text }」
date-marked = ; marked `date_from: { $mark }` until you confirm it
warn-unsafe-html = warning: config.yaml: markdown.unsafe_html is on — raw HTML in documents (scripts included) is published as written

## pdf (cmd/pdf.rs)
outcome-pdf = no PDF was written
pdf-done = typeset { $docs } documents on { $pages } pages ({ $mb } MB, { $secs } s) → { $path }
search-cache-warning = warning: { $what }
search-cache-unwritable = cannot write the search index's cache: { $why }
search-cache-unwritable-hint = huibian keeps what it needs to update the search index in .huibian-cache/search/ inside the site folder: make the site folder writable, or delete that folder
search-temp-file = temporary file in { $dir }: { $why }
search-temp-file-hint = free some space in the temporary folder, or point TMPDIR to a folder that has it
serve-cannot-watch = cannot watch the site folder: { $why }
serve-cannot-start = cannot start the server: { $why }
serve-stopped-by = the server stopped: { $why }
serve-not-a-host = `{ $name }` is not a host name
serve-not-a-host-hint = give the name alone, as in the address bar: --allowed-host desk-42.local (no http://, no path)
