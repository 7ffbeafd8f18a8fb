# --help: each command (cli-COMMAND) and each flag (cli-COMMAND-FLAG). Where src/cli.rs has a doc
# comment, the text here is the same (a test compares them); ../zh/cli.ftl is what Chinese users see.

cli = 汇编: a static site generator for Chinese campaign documents
cli-lang = The language of messages and help: zh or en (default: from LANG; see README)
cli-help = Print help
cli-version = Print version
cli-help-command = Print this message or the help of the given subcommand(s)

cli-build = Build the site into public/ (or --output); the old output stays if anything fails
cli-build-root = The site folder (holding config.yaml and content/)
cli-build-output = Where to write the site (default: <root>/public)
cli-build-base_url = Override config.yaml's base_url, e.g. http://intranet/zhutijiaoyu/
cli-build-relative_urls = Make every internal link relative (any sub-path, and file://)
cli-build-drafts = Include documents marked `draft: true`
cli-build-quiet = Print nothing on success
cli-build-timings = Print the time each stage took
cli-build-batch = Only this batch: 1, 2, 第一批 …
cli-build-section = Only this section (folder under content/)
cli-build-since = Only documents dated on or after this day
cli-build-until = Only documents dated on or before this day

cli-serve = Build into memory, serve on 127.0.0.1, rebuild on every save and reload open pages
cli-serve-root = The site folder (holding config.yaml and content/)
cli-serve-bind = Address to listen on (loopback unless told otherwise)
cli-serve-port = Port; the next free one is used when it is taken
cli-serve-drafts = Show drafts (with a 草稿 badge): `--drafts false` hides them as build does
cli-serve-open = Open the preview in the browser
cli-serve-allowed_hosts = Also answer to this host name (besides localhost and IP addresses), e.g. the machine's name for colleagues with --bind 0.0.0.0; repeatable

cli-publish = Build and publish to a web server's folder as a new release, switched in atomically
cli-publish-root = The site folder (holding config.yaml and content/)
cli-publish-to = The folder the web server serves from (it gets releases/ and current)
cli-publish-base_url = The address the site is served at, e.g. http://intranet/zhutijiaoyu/
cli-publish-relative_urls = Make every internal link relative instead
cli-publish-keep = How many releases to keep (for rollback)
cli-publish-dry_run = Show what would change, publish nothing
cli-publish-rollback = Switch back to the previous release
cli-publish-list = List the releases

cli-archive = Write a verifiable .zip of the site (or one batch, section or date range) for archiving
cli-archive-root = The site folder (holding config.yaml and content/)
cli-archive-output = The zip to write (default: <site>-<batch or all>-<YYYYMMDD>.zip in the site folder)
cli-archive-batch = Only this batch: 1, 2, 第一批 …
cli-archive-section = Only this section (folder under content/)
cli-archive-since = Only documents dated on or after this day
cli-archive-until = Only documents dated on or before this day
cli-archive-force = Replace an existing archive of the same name
cli-archive-no_pdf = Leave the printed book (print.pdf) out: for a selection of thousands of documents, whose book would take gigabytes of memory to typeset
cli-pdf = Typeset the documents (or one batch, section or date range) as one PDF/A book: cover, 目录, GB/T 9704 pages
cli-pdf-root = The site folder (holding config.yaml and content/)
cli-pdf-output = The PDF to write (default: <site>-<batch or all>.pdf in the site folder); an existing PDF there is replaced
cli-pdf-timings = Print the time and peak memory of each stage
cli-pdf-batch = Only this batch: 1, 2, 第一批 …
cli-pdf-section = Only this section (folder under content/)
cli-pdf-since = Only documents dated on or after this day
cli-pdf-until = Only documents dated on or before this day

cli-verify = Check an archive: every checksum, the catalog against the sources; exit 1 on any difference
cli-verify-archive = The archive (.zip) to check

cli-check = Report every problem of the site (errors and warnings) without writing anything
cli-check-root = The site folder (holding config.yaml and content/)
cli-check-format = text (for people) or json (one object per line, for scripts)
cli-check-external = Also try every http(s) link (off by default: intranets often have no route out)
cli-check-strict = Exit with 2 when there are warnings but no errors
cli-check-drafts = Check drafts too

cli-import = Convert .docx, .doc, .wps, .odt, .rtf, .txt and .md files, spreadsheets (.xlsx, .xls, .et, .ods) and .csv into documents under content/<section>/ (never overwrites)
cli-import-inputs = Files or folders to import
cli-import-root = The site folder
cli-import-section = The section (folder under content/); guessed from the title when not given
cli-import-batch = The batch: 1, 2, 第一批, 第二批
cli-import-unit = The unit the documents come from, e.g. 区委组织部
cli-import-date = The date, when the text and the file name carry none (e.g. 2023-09-01)
cli-import-tags = Tags, separated by commas
cli-import-encoding = The encoding of .txt files (gbk, gb18030, utf-8, utf-16le…), when detection is wrong
cli-import-dry_run = Print what would be written, write nothing
cli-import-force = Replace a document of the same name (the old one is kept as .bak)

cli-init = Create a new site in DIR: config.yaml, the default theme and three example documents
cli-init-dir = The folder for the new site
cli-init-keys = Front matter and config.yaml keys in English (title, date) or Chinese (标题, 日期)

cli-new = Create a new document in content/<SECTION>/ with its front matter filled in
cli-new-section = The section (folder under content/), e.g. speeches
cli-new-title = The document's title, e.g. 在主题教育动员部署会上的讲话
cli-new-root = The site folder (holding config.yaml and content/)
cli-new-keys = Front matter keys in English (title) or Chinese (标题); default: as the site's documents

## clap's errors (English ones are clap's own; these twins are for the test of both catalogues)
cli-error-unknown-argument = unexpected argument '{ $arg }'
cli-error-unknown-command = unrecognized subcommand '{ $command }'
cli-error-missing = the following required arguments were not provided: { $arg }
cli-error-invalid-value = invalid value '{ $value }' for '{ $arg }'; possible values: { $valid }
cli-error-other = { $detail }
cli-error-more = For more information, try '--help'.
