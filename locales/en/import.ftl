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
