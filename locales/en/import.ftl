# Import (Word, WPS, OpenDocument, RTF, text, sheets), zip reading, pictures, PDF and file I/O.
# The English text is what huibian printed before it spoke Chinese: tests assert it as it is.

## fsio
# A message without a translation, quoted inside another as it is.
fsio-as-is = { $detail }
fsio-too-large = the file is { $mb } MB; a text file of the site may have at most { $max } MB
fsio-too-large-hint = is it the right file? move large files into a bundle as attachments
fsio-cannot-copy = cannot copy to { $to }: { $why }
fsio-cannot-create-beside = cannot create a file beside it: { $why }
fsio-cannot-put-in-place = cannot put the file in place: { $why }
fsio-dangling-link = a symlink that leads nowhere: { $why }
fsio-dangling-link-hint = remove the link or fix its target
fsio-link-outside = a symlink to { $target }, outside the site folder
fsio-link-outside-hint = copy the files into the site instead of linking to them
fsio-link-loop = a symlink here loops back to a folder that contains it
fsio-cannot-read-here = cannot read: { $why }
fsio-walk-hint = remove the link or fix the permissions

## pdf
pdf-target-not-pdf = this file exists and is not a PDF; nothing was overwritten
pdf-target-not-pdf-hint = choose another --output
pdf-archive-typesetting = archive: typesetting the PDF…
pdf-nothing-selected = no published document matches the selection
pdf-nothing-selected-hint = check --batch, --section, --since and --until
pdf-no-font = no Chinese font on this system (looked for { $looked }); the PDF cannot be typeset
pdf-no-font-hint = install a Chinese font (Debian: apt-get install fonts-noto-cjk), or name an installed one in config.yaml under pdf.fonts
pdf-font-not-here = config.yaml pdf.fonts.{ $key } names `{ $name }`, which this system does not have
pdf-font-stand-in = no { $face } font (looked for { $looked }); { $what } in { $font } instead
pdf-sets-body = the body is set
pdf-sets-titles = titles are set
pdf-sets-headings = first-level headings are set
pdf-sets-subheadings = second-level headings and bylines are set
pdf-sets-page-numbers = page numbers are set
pdf-char-no-font = `{ $char }` (U+{ $code }) is in no font of this system: the PDF shows 〓 in its place
pdf-char-no-font-hint = install a font that has it, or write the character another way
pdf-typst-hint = fix the document there, or report it if the document is right
pdf-warning = warning: { $what }
pdf-more-warnings = … and { $n } more warnings from the typesetter

## images
img-too-many-pixels = the picture is { $w } × { $h } pixels, more than huibian reads ({ $max } megapixels)
img-jpeg-cut-short = the JPEG is cut short: the file ends before the picture does (a copy or download that did not finish)
img-cut-short = the { $kind } is cut short: the file ends before the picture does
img-gif-cut-short = the GIF is cut short: the file ends before its pictures do
img-damaged = the { $kind } is damaged ({ $detail })
img-too-much-memory = the picture is larger than huibian reads (it needs more than 1 GB of memory)
img-unsupported-kind = this kind of { $kind } is not supported ({ $detail })
img-gif-empty = the GIF holds no picture
img-gif-rewrite = the GIF cannot be written again ({ $detail })
img-copy-again-hint = copy the picture again from where it came from (the phone, the camera's card, the sender), or remove it
img-save-again-hint = open it in an image viewer and save it again as JPEG or PNG, or remove it
img-heic = a HEIC photo (the iPhone's format): most browsers cannot show it, and huibian has no HEIC reader to make web sizes or take its location data out
img-heic-hint = convert it to JPEG and link the .jpg: on the iPhone, Settings → Camera → Formats → Most Compatible takes JPEGs from then on; `heif-convert photo.heic photo.jpg` (Debian package libheif-examples) converts one
img-avif = an AVIF picture: huibian has no AVIF reader to make web sizes or take its camera data out
img-avif-hint = convert it to JPEG (or PNG for drawings) and link that file instead
img-wrong-name = the file is named as a { $named } but holds a { $holds } picture
img-wrong-name-hint = rename it to the extension of what it holds (browsers and huibian go by the name)
img-not-a-picture = the file is named as a { $named } picture but holds no picture huibian knows (its first bytes are not an image's)
img-not-a-picture-hint = replace it with the real picture, or rename it if it is something else
img-cache-cannot-write = cannot write the image cache: { $detail }
img-cache-hint = huibian keeps the web sizes of images in .huibian-cache/images/ inside the site folder: make the site folder writable
img-jpeg-no-size = the JPEG has no picture size
img-jpeg-short-pixels = the JPEG's pixels do not fill its picture size

## zip
zip-too-many = the zip lists { $n } entries, more than the { $max } allowed
zip-too-many-hint = no Word document or huibian archive has so many; check where the file came from
zip-over-size = inflates to more than { $max }
zip-over-ratio = inflates more than { $ratio } times its compressed size ({ $n } from { $from })
zip-all-over-ratio = takes what is read of the zip past { $ratio } times its compressed size ({ $n } from { $from })
zip-all-over-total = takes what is read of the zip past { $max } inflated in all
zip-entry-refused = entry { $name } { $problem }; refused
zip-entry-refused-hint = a zip bomb, or not a file made for this; nothing was written from it
zip-entry-damaged = entry { $name } cannot be read: { $detail }
zip-damaged = not a zip file, or a damaged one: { $detail }
zip-damaged-overlap = not a zip file, or a damaged one: { $detail }
zip-damaged-hint = get the file again from where it came from: it is cut short, damaged or not what it claims
zip-bytes = { $n } bytes

## import: what a reader left out or moved (all readers)
imp-dropped-at = { $what } ({ $file } paragraph { $p })
imp-comments-dropped = { $n } comment(s) not imported (they are not part of the text)
imp-text-box-moved = text box: its text was placed after the paragraph holding it; check the order

## docx
docx-resave-hint = open it in Word or WPS and save it again as .docx
docx-part-not-utf8 = { $name } in it is not UTF-8 text
docx-not-docx = not a Word .docx file ({ $why })
docx-no-document = not a Word .docx file (it has no word/document.xml)
docx-xml-damaged = the document XML is damaged: { $detail }
docx-deletions-dropped = tracked deletions not imported ({ $n } characters, e.g. “{ $sample }”): the accepted text was kept

## odt
odt-resave-hint = open it in LibreOffice or WPS and save it again as .odt (or as .docx)
odt-not-odt = not an OpenDocument text ({ $why })
odt-is-docx = this is a Word file named .odt
odt-is-docx-hint = rename it to .docx and import it again
odt-no-content = not an OpenDocument text (it has no content.xml)
odt-other-kind = not an OpenDocument text: the file says it is `{ $kind }`
odt-other-kind-hint = import text documents (.odt); save a spreadsheet's table into a document first
odt-encrypted = the document is protected by a password
odt-encrypted-hint = open it in LibreOffice or WPS, remove the password (File → Properties or Save As without “Save with password”) and import it again
odt-pictures-outside = { $n } picture(s) not in the file (linked from outside it) not imported
odt-xml-damaged = content.xml is damaged: { $detail }
odt-deletions-dropped = { $n } tracked deletion(s) not imported: the accepted text was kept
odt-indexes-dropped = { $n } table(s) of contents or index(es) not imported: the site makes its own from the headings
odt-objects-dropped = { $n } embedded object(s) (charts, formulas, linked pictures) not imported

## doc (Word 97-2003, WPS)
doc-resave-hint = open it in WPS or Word, save it as .docx (文件 → 另存为 → Word 文档), and import that
doc-macros = it contains macros (VBA code); huibian does not import files with macros
doc-macros-hint = open it in WPS or Word, save it as .docx (a Word document, not macro-enabled), and import that
doc-no-stream = not a Word 97-2003 document (it has no WordDocument stream; a .wps from Microsoft Works or from DOS-era WPS is another format)
doc-cannot-read-text = cannot read its text: { $detail }
doc-encrypted = it is protected with a password (encrypted)
doc-encrypted-hint = open it in WPS or Word, remove the password (文件 → 文档加密 / 保护文档), save it as .docx, and import that
doc-cannot-read-table = cannot read its table stream: { $detail }
doc-word95 = the Word file is damaged: it was saved by Word 95 or older, whose format huibian does not read
doc-damaged = the Word file is damaged: { $detail }
doc-is-rtf = it is an RTF file with a Word name
doc-is-rtf-hint = rename it to .rtf and import that
doc-is-zip = it is a .docx (or another zip) file with an old name
doc-is-zip-hint = rename it to .docx and import that
doc-is-html = it is a web page (HTML) saved with a Word name
doc-not-compound = cannot open it as a Word 97-2003 or WPS document: it is damaged or of another kind ({ $detail })
doc-not-doc = not a Word 97-2003 document: { $what }
doc-hidden-dropped = { $n } character(s) of hidden text not imported
doc-deletions-dropped = { $n } character(s) of tracked deletions not imported
doc-pictures-dropped = { $n } picture(s) or drawing(s) not imported; copy them from the original
doc-endnotes-dropped = endnotes not imported; copy them from the original
doc-text-boxes-dropped = text boxes not imported; copy their text from the original

## rtf
rtf-resave-hint = open it in Word or WPS and save it again as .rtf or .docx
rtf-not-rtf = not an RTF file (it does not begin with `{"{"}\rtf`)
rtf-too-deep = its groups nest more than { $max } deep: office software does not write that
rtf-pictures-dropped = { $n } picture(s) in a format a page cannot show (a Windows metafile or bitmap) not imported: save the file as .docx to keep them
rtf-unreadable = { $n } character(s) could not be read as { $encoding } and show as �

## sheet (spreadsheets and .csv)
sheet-cannot-read = cannot read the file: { $why }
sheet-check-path-hint = check the path
sheet-too-large = the file is { $mb } MB, more than the { $max } MB read as a table
sheet-too-large-hint = split it into smaller workbooks, or link it as a download only
sheet-permissions-hint = check the file's permissions
sheet-csv-bad-line = line { $line } cannot be read as CSV: { $detail }
sheet-csv-hint = open it in Excel or WPS and save it as CSV again
sheet-ods-xml-damaged = content.xml cannot be read: { $detail }
sheet-ods-repeats = its repeated cells make { $n } cells, more than the { $max } read as a table
sheet-ods-repeats-hint = delete the empty formatted rows and columns at its end, or link it as a download only
sheet-resave-hint = open it in Excel or WPS and save it again (as .xlsx)
sheet-not-workbook = not an Excel, WPS or OpenDocument workbook
sheet-is-html = this is a web page (HTML) saved under a spreadsheet's name, as some systems export tables
sheet-is-html-hint = open it in Excel or WPS and save it as .xlsx
sheet-encrypted = the workbook is protected by a password
sheet-encrypted-hint = open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿) and save it
sheet-not-xlsx = cannot be read as an Excel workbook: { $detail }
sheet-not-xls = cannot be read as an Excel 97–2003 or WPS workbook: { $detail }
sheet-not-ods = cannot be read as an OpenDocument spreadsheet: { $detail }
sheet-bad-sheet = sheet 「{ $name }」 cannot be read: { $detail }
sheet-outside-site = it leads outside the site folder
sheet-outside-site-hint = copy the file into the document's folder instead of linking to it
sheet-cannot-import = cannot import this spreadsheet: { $why }
sheet-no-text = the spreadsheet has no cell with text in it
sheet-no-text-hint = check that it is the right file and not empty
sheet-too-large-to-import = sheet 「{ $name }」 is too large to import as a document (more than { $cells } cells or { $mb } MB of text)
sheet-link-it-hint = put it in a document's folder and link it, e.g. [台账](taizhang.xlsx): the page shows its first rows and offers the file
sheet-hidden-imported = sheet 「{ $name }」 is hidden in the workbook and was imported too: delete its section if it is only a lookup list

## import: the command's own checks
imp-bad-section-flag = { $detail }
imp-bad-section-flag-hint = e.g. --section speeches
imp-cannot-read = cannot read: { $detail }
imp-cannot-read-hint = remove the link or fix the permissions, then import again
imp-links-into-content = this links into the site's content/
imp-links-into-content-hint = documents in content/ are built as they are; remove the link
imp-bad-section = front matter `section`: { $detail }
imp-bad-section-hint = write one folder name such as `section: speeches`
imp-bad-slug = front matter `slug`: { $detail }
imp-bad-slug-hint = a slug is one URL segment, e.g. `slug: dongyuan-jianghua`
imp-bad-image-name = an image inside the file has an unusable name: { $detail }
imp-bad-image-name-hint = open it in Word or WPS, insert the picture again and save
imp-cannot-keep-old = cannot keep the old document as { $bak }: { $why }

## how a file was read, for import's report
txt-read-as-bom = { $encoding } (BOM)
txt-read-as-given = { $encoding } (given)
txt-read-as-detected = { $encoding } (detected)
sheet-read-as-csv = CSV, { $how }
sheet-read-as-xlsx = Excel workbook (.xlsx)
sheet-read-as-xls = Excel 97–2003 workbook (.xls)
sheet-read-as-ods = OpenDocument spreadsheet (.ods)
pdf-note = pdf: { $what }
pdf-typst-error = { $detail }
