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
