# Diagnostics: the message and the hint (what to do) of the problems users meet most.
# Codes, file:line:column and JSON stay the same in every language; only these words change.
# Every message here has its twin in ../zh/diagnostics.ftl (a test checks both ways).

did-you-mean = did you mean `{ $name }`?

## Front matter (source/frontmatter.rs)
fm-no-front-matter = the file does not start with front matter
fm-no-front-matter-hint = begin the file with a line `---`, then `title: …` and `date: 2023-09-01`, then `---`
fm-not-closed = the front matter is never closed
fm-not-closed-hint = add a line `---` after the last front matter key
fm-key-not-a-name = front matter key { $key } is not a name
fm-unknown-key = unknown front matter key `{ $key }`
fm-valid-keys = valid keys: { $keys }
fm-section-mismatch = `{ $key }: { $value }` but the file is in content/{ $folder }/
fm-section-mismatch-hint = move the file to content/{ $value }/, or change the line to `{ $key }: { $folder }`
fm-twice = `{ $first }` (line { $a }) and `{ $second }` (line { $b }) are the same key, given twice
fm-twice-hint = keep one of the two lines, { $a } or { $b }
fm-no-title = the front matter has no `title`
fm-no-title-hint = add a line such as `title: 在主题教育动员部署会上的讲话`
fm-title-empty = the title is empty
fm-no-date = the front matter has no `date`
fm-no-date-hint = add a line such as `date: 2023-09-01` or `date: 2023年9月1日`
fm-wrong-type = `{ $key }`: { $detail }
fm-weight-hint = write a whole number, e.g. `{ $key }: 3`
fm-draft-hint = write `{ $key }: true` or `{ $key }: false`
fm-aliases-hint = write a list of site paths, e.g. `{ $key }: [/old/path/]`
fm-attachments-hint = write one `file name: title` a line, indented under `{ $key }:`
fm-not-text = `{ $key }` should be text
fm-bad-date = `{ $key }: { $value }` is not a date
fm-bad-date-hint = write it as 2023-09-01, 2023-09-01T09:30:00+08:00 or 2023年9月1日
fm-bad-batch = `{ $key }: { $value }` is not a batch
fm-bad-batch-hint = write 1 or 2, or 第一批 / 第二批

## YAML (config.rs: front matter and config.yaml)
yaml-full-width-colon = line { $line }: `{ $key }：` has a full-width colon (：); YAML needs an ASCII colon and a space: `{ $key }: …`
yaml-tab = YAML indents with spaces: replace the tab at the start of the line with spaces
yaml-colon-in-value = a value with a colon and a space in it needs quotes: `{ $key }: "…"`
yaml-star = a value starting with * or & needs quotes (YAML reads * as a reference): `{ $key }: "**…"`
yaml-reserved = a value starting with @, ` or % needs quotes: `{ $key }: "…"`
yaml-open-list = close the list with ]: `tags: [学习, 调研]`
yaml-open-map = close the braces with {"}"}, or quote the value if it is text
yaml-valid-keys = valid keys here: { $keys }
yaml-unknown-field = unknown field `{ $key }`, expected one of { $list }
yaml-missing-field = missing field `{ $key }`
yaml-duplicate = duplicate entry with key { $key }
yaml-given-twice = `{ $key }` is given twice, on lines { $first } and { $second }
yaml-given-twice-hint = keep one of the two lines
yaml-control = U+{ $code }, an invisible control character, which YAML does not allow
control-character-hint = delete it (most editors show nothing there); text copied from Word brings U+000B for a line break

## Links (site/mod.rs)
link-missing-document = link to a missing document `{ $dest }`
link-outside-content = link to `{ $dest }`, outside the content folder
link-missing-file = link to a missing file `{ $dest }`
link-to-failed = link to `{ $dest }`, a document with errors (see its own error): fix that document
link-to-draft = link to `{ $dest }`, a draft left out of this build (publish it, remove the link, or build with --drafts)
link-hint = fix the path (relative to this file) or remove the link
anchor-missing = link to `#{ $fragment }`, a heading that does not exist
anchor-did-you-mean = did you mean `#{ $name }`?
anchor-no-headings = the target has no headings
anchor-headings = its headings are: { $list }
duplicate-url = two documents would both be published at /{ $url }
duplicate-url-hint = content/{ $other } has the same URL; give one of them another `slug:` in its front matter
attachment-missing = `attachments` names `{ $name }`, which is not in the document's folder
attachment-missing-bundle-hint = put the file beside index.md, or fix its name
attachment-missing-loose-hint = attachments live in a bundle: move the document to <name>/index.md with its files beside it

## check's warnings (check/mod.rs)
warn-redaction = `{ $run }` in the text looks like a redacted name
warn-redaction-hint = restore the name before publishing
warn-ascii-punctuation = ASCII `{ $char }` between Chinese characters
warn-ascii-punctuation-hint = use the full-width `{ $full }`
warn-placeholder = placeholder `{ $run }` in the text
warn-placeholder-hint = put in the real name or number
warn-marker = marker `##{ $word }##` left in the text
warn-marker-hint = delete it (huibian import removes ##paidbegin##/##paidend##)
warn-mixed-digits = full-width digits (１２３) in a document that also uses ASCII digits (123)
warn-mixed-digits-hint = use one kind of digits throughout; ASCII digits are the norm in Chinese documents
warn-long-first-paragraph = the first paragraph has { $n } characters and there is no `summary`: lists will show a cut sentence
warn-long-first-paragraph-hint = add `summary: …` (one or two sentences) to the front matter
warn-duplicate-title = the title 「{ $title }」 is also the title of content/{ $other }
warn-duplicate-title-hint = give one of them a distinguishing title (e.g. the unit or date)
warn-comment-in-value = `{ $key }: { $value }`: YAML reads ` #` and what follows as a comment, so the { $key } is 「{ $kept }」
warn-comment-in-value-hint = if it belongs to the { $key }, put the value in quotes: `{ $key }: "{ $value }"`
warn-future-date = the date { $date } is after today
warn-future-date-hint = check the year and month
warn-unlinked-attachment = the attachment `{ $name }` has no title and is not linked from the text
warn-unlinked-attachment-hint = give it a title under `attachments:` or link it where the text mentions it
warn-control-in-text = { $what } in the text: atom.xml and sitemap.xml cannot hold it and leave it out

## Files (fsio.rs); `detail` is the system's own words
io-not-found = { $detail }
io-permission = { $detail }
io-is-a-folder = { $detail }
io-disk-full = { $detail }
io-other = { $detail }
fs-cannot-read = cannot read the file: { $why }
fs-cannot-write = cannot write the file: { $why }
fs-cannot-create = cannot create the file: { $why }
fs-cannot-create-folder = cannot create the folder: { $why }
fs-exists = the file exists already; nothing was overwritten
fs-exists-hint = choose another title or slug, or edit the existing file
fs-not-utf8 = not valid UTF-8 (first bad byte at offset { $offset })
fs-not-utf8-hint = save the file as UTF-8; for GBK or UTF-16 files from Windows use `huibian import`
config-needed-hint = a site needs config.yaml with at least `title: …`; `huibian init DIR` makes one

## Flags, init and new (lib.rs, scaffold.rs)
flag-bad-batch = `{ $value }` is not a batch
flag-bad-batch-hint = write 1, 2, 第一批 or 第二批
flag-bad-date = `{ $value }` is not a date
flag-bad-date-hint = write it as 2023-09-01
init-site-exists = a site exists here already; nothing was changed
init-file-exists = the file exists already; nothing was written
init-file-exists-hint = run init in a new or empty folder
init-outside = this would be written outside the new site: it resolves to { $at }; nothing was written
init-outside-hint = a folder of the site (content/, themes/ or one under them) is a link out of it: remove the link, or run init in a folder without one
publish-theirs-in-the-way-hint = move the file into the site's static/ folder (publish then writes it as the site's) or delete it from current/, then publish again
release-cannot-carry = cannot carry the file into the new release: { $why }
new-section-hint = e.g. huibian new speeches 标题
new-no-file-name = cannot make a file name from the title `{ $title }`

## import (import/mod.rs)
import-no-site = no site here: import writes into a site's content/ folder
import-no-site-hint = run it in the site folder, or pass --root DIR (create a site with `huibian init DIR`)
import-date-hint = write it as 2023-09-01 or 2023年9月1日
import-unknown-encoding = unknown encoding `{ $name }`
import-unknown-encoding-hint = use gbk, gb18030, utf-8, utf-16le, utf-16be or big5
import-nothing = nothing to import
import-nothing-hint = name files or folders: huibian import 材料/讲话.docx 材料/
import-no-such-file = no such file or folder
import-inside-content = this is inside the site's content/ already
import-inside-content-hint = import files from outside the site; documents in content/ are built as they are
import-unsupported = not a file import reads
import-unsupported-hint = import takes .docx, .doc, .wps, .odt, .rtf, .txt and .md files, spreadsheets (.xlsx, .xls, .et, .ods) and .csv
import-no-text = the file has no text to take a title from
import-no-text-hint = check that it is the right file and not empty
import-section-differs = its front matter says `section: { $given }`, but --section { $asked } was given
import-section-differs-hint = import it with --section { $given }, or change its `section:` line
import-which-section = cannot tell which section 「{ $title }」 belongs to
import-which-section-hint = pass --section speeches, --section guides or --section experiences
import-date-guessed = no date in the text or the file name: the file's modification date was used
import-date-guessed-hint = set `{ $key }:` to the date of the speech or document, then delete the line `{ $from }:`
import-date-from-text = no 落款 and no date line under the title: the first date in the running text was used ({ $at })

## Where output goes (output/mod.rs)
output-is-the-site = the output folder would replace the site's own files (it is { $path })
output-is-the-site-hint = build into a separate folder such as public/
output-is-a-folder = this is a folder, not a file
output-is-a-folder-hint = give a file name, e.g. --output campaign.zip
output-is-a-file = this is a file, not a folder
output-is-a-file-hint = build into a folder, e.g. --output public/
output-foreign = the folder holds files that huibian did not write (it has no { $mark } mark); a build would replace or delete them
output-foreign-hint = build into a new or empty folder such as public/; if this is the output of an older huibian, delete it and build again

## publish (publish/release.rs, release/lock.rs)
publish-keep-zero = --keep 0 would delete every release, the one being served too; nothing was published
publish-keep-zero-hint = give --keep 1 or more (--keep 1 keeps only the new release)
publish-to-is-a-file = --to is a file, not a folder; nothing was published
publish-to-is-a-file-hint = give the folder the web server serves the site from
publish-keep-relative = --relative-urls (better: put `relative_urls: true` in config.yaml)
publish-keep-base-url = --base-url { $old } (better: put `base_url: { $old }` in config.yaml)
publish-links-move = the site served here was published with its links at `{ $old }`; this publish would put them at `{ $links }`, and every link of the live site would break
publish-links-move-hint = to keep them, give { $keep }; to move the site on purpose, give the new --base-url
publish-busy = another huibian publish is working in this folder; nothing was changed
publish-busy-pid = another huibian publish (process { $pid }) is working in this folder; nothing was changed
publish-busy-hint = wait for it to finish, then run this command again
rollback-none = no release is current here (or `current` is not a symlink)
rollback-none-hint = publish first; rollback needs a file system with symlinks
rollback-oldest = { $release } is the oldest release kept; there is nothing to roll back to

## serve (serve/mod.rs)
serve-cannot-listen = cannot listen: { $why }
serve-cannot-listen-hint = check --bind (an address of this machine, 127.0.0.1 by default)
serve-no-free-port = no free port from { $port } on: { $detail }
serve-no-free-port-hint = choose another with --port
serve-no-site-folder = cannot open the site folder: { $why }

## archive (archive/mod.rs)
archive-nothing-selected = no published document matches the selection
archive-nothing-selected-hint = check --batch, --section, --since and --until

## The content folder and config.yaml's lists (source/mod.rs, site/mod.rs, config.rs)
source-no-content = cannot read the content folder: { $why }
source-no-content-hint = a site keeps its documents in content/<section>/*.md
source-loose-document = a document stands directly in content/
source-loose-document-hint = move it into a section folder such as content/speeches/
source-no-slug = cannot make a URL slug from this title
source-no-slug-hint = add `slug: some-name` to the front matter
sections-not-a-folder = `sections` names `{ $name }`, which is not a folder of content/
sections-not-a-folder-hint = give the folder names of content/, e.g. [speeches, guides, experiences]
allow-an-error = `check.allow` names `{ $code }`, an error: errors cannot be switched off
allow-no-code = `check.allow` names `{ $code }`, which is no warning code
allow-codes = the warning codes are { $codes }
alias-path-hint = write aliases as site paths such as `/old/path/`

## Sections, headings and outputs (site/mod.rs, render/layout.rs)
heading-attribute = the heading's `{"{"}…{"}"}` has { $what }, which a page may not carry: a heading may have only an id `#name` and classes `.name`, made of letters, digits, `-`, `_`, `.` and `:`
heading-attribute-hint = take them out of the `{"{"}…{"}"}` at the end of the heading; for braces shown as text, write the last one `\{"}"}`
rename-the-folder = rename the folder
section-reserved = the section name `{ $name }` is used by the site itself
layout-alias-hint = remove the alias or change it
layout-file-hint = rename or move the file
layout-page-hint = rename one of them

## import's warnings about the text (import/text.rs)
import-warn-marker = unknown marker `##{ $word }##` left in the text
import-warn-redaction = `{ $run }` looks like a redacted name: restore it before publishing
import-warn-blank = blank `{ $run }` to fill in
import-warn-placeholder = placeholder `{ $run }`: fill in the real name or number
import-warn-unreadable = { $n } character(s) could not be read as { $encoding } and show as �
import-where = { $what } ({ $file } { $unit } { $line })
import-unit-line = line
import-unit-paragraph = paragraph
mark-alone = `{ $run }` is shown as text: it has no partner in this paragraph, so { $effect ->
        [strike] the strikethrough
       *[emphasis] the emphasis
    } did not take effect
mark-alone-fix = add the other `{ $run }`, or write `\{ $ch }\{ $ch }` if the characters are meant
mark-pair = `{ $run }…{ $run }` is shown as text: { $effect ->
        [strike] the strikethrough
       *[emphasis] the emphasis
    } did not take effect
mark-pair-around = `{ $run }…{ $run }` around 「{ $inner }」 is shown as text: { $effect ->
        [strike] the strikethrough
       *[emphasis] the emphasis
    } did not take effect
mark-fix-spaces = remove the spaces inside the markers: `{ $run }{ $text }{ $run }`
mark-fix-underscore = `__` takes no effect between two characters of a word: use `**` instead
mark-fix-western = with punctuation just inside `{ $run }` and a Latin letter or digit just outside it, the marker stays text: move the punctuation outside the markers or put a space outside them
mark-fix-check = check which `{ $run }` belong together; write `\{ $ch }\{ $ch }` if the characters are meant
quote-pair = ASCII quotes `{ $q }…{ $q }` around 「{ $inner }」 in Chinese text
quote-pair-fix = use the full-width quotes: `{ $quoted }`
quote-alone = ASCII `{ $q }` next to Chinese characters
quote-alone-fix = use the full-width `{ $open }` or `{ $close }`
in-the-title = in the title: { $what }
sheet-link-hint = a link inside a sentence offers the file as a download only, without its table
sheet-not-shown = `{ $dest }` cannot be shown as a table: { $why }; { $hint }
guessed-from-file-time = from the file's modification time (when someone last saved it)
guessed-from-text = from the running text, where a date may be a deadline or another event
warn-unconfirmed-date = the date { $date } was guessed by import { $how }
warn-unconfirmed-date-hint = check `date:` against the document (its 落款 or the date under its title), then delete the line `date_from: { $from }`
warn-missing-alt = the image `{ $dest }` has no alt text: a screen reader says nothing of it, and nothing shows if it does not load
warn-missing-alt-hint = say in a few words what it shows: `![党员在会上发言](photo.jpg)`
import-undecodable = { $n } character(s) could not be decoded and show as �
import-in-cell = { $what } (cell { $cell })
import-in-sheet-cell = { $what } (sheet 「{ $sheet }」 cell { $cell })
import-original-renamed = the original is kept as `{ $original }`: its own name cannot be a file name on Windows
fm-bad-date-from = `{ $key }: { $value }` is neither `text` nor `file`
fm-bad-date-from-hint = import writes this line when it guessed the date; once `date:` is right, delete the line

## publish (publish/release*.rs)
what-a-file = a file
what-a-folder = a folder
what-a-symlink = a symlink
what-a-symlink-to = a symlink to { $target }
what-files-or-links = { $n ->
        [one] a file or link
       *[other] { $n } files or links
    }
lock-not-a-file = the publish lock is not a plain file; nothing was changed
lock-not-a-file-hint = remove it; huibian makes it again
lock-cannot-open = cannot open the publish lock: { $why }
lock-cannot-lock = cannot lock the folder for publishing: { $why }; nothing was changed
lock-cannot-lock-hint = this file system has no file locks: publish into a local folder instead
sync-foreign = the new release would write over { $what } that huibian did not write here: { $names }; nothing was published
sync-foreign-hint = move them out of current/ (or rename them in the site), then publish again
sync-cannot-update = cannot update: { $why }
sync-link-on-the-way = a folder on the way is a link out of `current`; nothing is written through it
sync-link-on-the-way-hint = replace the link in current/ by a real folder, then publish again
releases-cannot-read = cannot read: { $why }
releases-not-a-folder = `releases` is { $what }, not the folder huibian keeps its releases in; nothing was changed
releases-not-a-folder-hint = huibian builds and prunes only in a real folder there: move it away (mv { $dir } { $dir }.old) and publish again, or publish with another --to
current-marker-damaged = this marker is damaged: huibian cannot tell which files of `current` it wrote, so it changes nothing
current-foreign = `current` is { $what } that huibian did not make; it was left as it is and nothing was published
current-migrate-hint = to move this site to huibian's releases: mv { $cur } { $cur }.old, publish again, and delete { $cur }.old once the new site is checked
release-cannot-create = cannot create the release folder: { $why }
release-no-free-name = cannot find a free name to build the release in
release-cannot-finish = cannot finish the release: { $why }
current-folder-but-links-work = `current` is the folder huibian updates file by file where symlinks cannot be made, but they can here; nothing was published
current-folder-but-links-work-hint = to switch to releases behind a link: mv { $cur } { $cur }.old, publish again, and delete { $cur }.old once the new site is checked
current-link-but-no-links = `current` is a symlink, but this file system refuses new ones; nothing was published
current-link-but-no-links-hint = publish from a machine that can make symlinks here
current-cannot-switch = cannot switch to releases/{ $release }: { $why }
rollback-not-ours = `current` points at releases/{ $release }, which is not a release huibian made (or is gone)
rollback-not-ours-hint = rollback moves only between releases huibian made; publish again to make a new one current

## output (output/*.rs)
out-outside = refusing to write outside the output folder
out-own-mark = { $rel } is the name of huibian's own mark in the output
out-own-mark-hint = rename this file of the site
out-link-into-output = a link into the output folder { $out }: each build would copy the last output into itself
out-link-into-output-hint = remove the link; a site never reads its own output
out-site-file = { $at } is the site's own file or folder (content/, themes/, templates/, static/, config.yaml)
out-site-file-hint = write it beside the site, e.g. --output campaign.zip
out-outside-content = refusing to write outside { $content }: it resolves to { $at }
out-outside-content-hint = check the section and slug, and that no folder under content/ links out of the site
out-partly-updated = { $failure }; the output could not be put back as it was, and holds part of this build
out-partly-updated-hint = fix that and build again: the next build puts every file in order
out-mark-damaged = this mark of a huibian output is damaged
out-mark-damaged-hint = delete the output folder and build again
out-cannot-read-folder = cannot read the folder: { $why }
out-cannot-open-to-lock = cannot open the folder to lock it: { $why }
out-cannot-lock = cannot lock the folder: { $why }
out-waiting = waiting: another huibian run is writing into { $dir }
out-cannot-stage = cannot create the staging folder: { $why }
out-cannot-update = cannot update the output: { $why }
out-cannot-put-in-place = cannot put the new output in place: { $why }
out-foreign-file = the output holds a file or folder here that huibian did not write, where the build puts a file
out-foreign-file-hint = move it out of the output folder and build again

## render (render/*.rs): what each generated page is called in a message
page-home = the home page
page-section = page { $page } of the section { $name }
page-taxonomy = the list of { $name }
page-term = page { $page } of the { $taxonomy } term { $term }
page-archive = the archive page
page-document = the document { $rel }
page-404 = the 404 page
page-search = the search page
page-sitemap = the sitemap
page-feed = the feed
page-alias = the alias /{ $at }
page-file = the file { $path }
layout-case = { $what } (one file on Windows and macOS, where case does not count, nor on macOS how an accented letter is encoded)
layout-file-replaces-page = this file would replace the generated page /{ $url } ({ $other })
layout-file-same-as = this file would be the same file /{ $url } as { $other }
layout-same-as = { $what } would be the same file /{ $url } as { $other }
layout-needs-folder = { $what } needs a folder /{ $f }/ where /{ $f } is a file ({ $file })
layout-file-in-search = this file would replace the search index's file /{ $url }
layout-page-in-search = { $what } would be inside the search index's files (/{ $url })
name-bad-chars = contains one of : * ? " < > | \
name-trailing-dot = ends with a dot or a space
name-reserved = is a name Windows reserves (CON, NUL, COM1 …)
name-not-on-windows = the file name { $why }: it cannot be opened on Windows
name-not-on-windows-hint = rename the file
theme-loop = themes extend each other in a loop: { $chain }
theme-bad-name = `theme: { $name }` is not a theme folder name
theme-missing = the theme `{ $name }` is not in themes/
theme-missing-hint = create themes/{ $name }/templates/, or set `theme:` to a built-in theme ({ $builtin })
template-error = template error: { $detail }
template-syntax-hint = fix the template's syntax (Tera 2)
template-variable-hint = every variable a template prints must exist in its context (see README, Templates)
template-fix-hint = fix the template (see README, Templates)

## site (site/mod.rs)
section-not-on-windows = the section folder name { $why }: it cannot be opened on Windows
alias-not-inside = the alias `{ $alias }` is not a path inside the site: { $why }
alias-no-page = it names no page
alias-dot-part = a part starts with `.`
alias-not-on-windows = a part is not a file name on Windows

## config.yaml (config.rs)
yaml-other = { $detail }
config-paginate = `paginate` must be at least 1
config-reading-speed = `reading_speed` must be at least 1
config-bad-segment = taxonomy `{ $name }` has the URL segment `{ $segment }`
config-bad-segment-hint = use ASCII letters, digits, `-` or `_`, e.g. `segment: tags`
config-same-segment = two taxonomies use the URL segment `{ $segment }`
config-max-size = `images.max_size` is { $value }: it must be 16 to { $max }
config-max-size-hint = the longest side of a photo on a page, e.g. `max_size: 1600`
config-widths = `images.widths` holds { $value }: each width must be at least 16 and below `max_size` ({ $max })
config-widths-hint = the smaller sizes for phones, e.g. `widths: [480, 960]`
config-quality = `images.quality` is { $value }: it must be 1 to 100
config-quality-hint = 82 keeps photos sharp at a fifth of the size of 100
config-warn-over-mb = `images.warn_over_mb` is { $value }: it must be a number of MB above 0
config-warn-over-mb-hint = e.g. `warn_over_mb: 5`

## archive, verify (archive/mod.rs)
archive-exists = the archive exists already; nothing was overwritten
archive-exists-hint = choose another --output, or pass --force to replace it
archive-not-ours = this file is not an archive huibian made; --force replaces only those
archive-not-ours-hint = choose another --output
archive-cannot-write = cannot write the archive: { $detail }
archive-cannot-finish = cannot finish the archive: { $detail }
archive-entry-failed = { $path }: { $detail }
verify-no-manifest = no MANIFEST.sha256 in the archive: not a huibian archive, or damaged
verify-altered = altered: { $name } (checksum { $got }, manifest { $sum })
verify-missing = missing: { $name }
verify-damaged = damaged: { $what }
verify-refused = refused: { $name } ({ $why })
verify-extra = extra: { $name } (not in the manifest)
verify-catalog-unreadable = catalog.json cannot be read: { $detail }
verify-catalog-mismatch = catalog: { $source } ({ $title }) does not match its source file
verify-catalog-absent = catalog: { $source } ({ $title }) is not in the archive

## check (check/*.rs)
check-external-link = the link { $url } does not work: { $detail }
check-external-link-hint = fix or remove the link, or check it from a machine that can reach it
check-large-image = the original is { $size } ({ $w } × { $h } pixels), over `images.warn_over_mb` ({ $limit } MB)
check-large-image-hint = pages show its web sizes, but the original goes into every copy and archive of the site: save a smaller copy (about 2000 pixels, JPEG quality 85) in its place
check-escaped-control = `{ $key }` holds { $codes }, written as escapes in quotes: characters XML cannot hold, so atom.xml and sitemap.xml leave them out
check-escaped-control-hint = remove the escapes (such as `{ $x }` or `{ $u }`) from `{ $key }`

## sources (source/*.rs, markdown/attrs.rs, render/xml.rs)
slug-bad = the slug `{ $slug }` { $why }
slug-hint = a slug is one URL segment, e.g. `slug: dongyuan-jianghua`
section-bad = `{ $name }` is not a section: a section is one folder name under content/ (this one { $why })
segment-empty = is empty
segment-path = contains `/`, `\` or `..`, or starts with `.`
segment-chars = contains a character not allowed in URLs or Windows file names
list-pair = { $a }, { $b }
attr-key = `{ $key }`
attr-id = the id `{ $id }`
attr-class = the class `{ $class }`
char-control = U+{ $code } (an invisible control character)
char-noncharacter = U+{ $code } (a noncharacter)
