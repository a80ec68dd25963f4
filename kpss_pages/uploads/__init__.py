"""Uploaded documents and images are checked by their content, not by their names.

Wagtail checks a document's extension and size and an image's format, size and pixels; the forms
below (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE) add what a public authority
needs on every admin upload path (add, multiple upload, edit, chooser), since each of them builds
its form from these bases: the content must be the format its extension names (found with
`filetype`), office files must really be that format without macros or zip bombs, text must be
text and not markup or a script, images must decode completely with nothing appended. A refused
file is never saved. An accepted image (also a JPEG or PNG document) is rewritten without its
metadata: EXIF (GPS position, camera, author), XMP, comments and text chunks.
"""
