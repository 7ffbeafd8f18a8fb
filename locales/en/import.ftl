# Import (Word, WPS, OpenDocument, RTF, text, sheets), zip reading, pictures, PDF and file I/O.
# The English text is what huibian printed before it spoke Chinese: tests assert it as it is.

## fsio
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
