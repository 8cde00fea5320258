"""PyInstaller hook for lxml, in place of the contributed one that takes every lxml submodule.

python-docx uses only ``lxml.etree`` (whose own hook adds ``lxml._elementpath``); lxml.html, objectify,
isoschematron and the rest stay out of the bundle.
"""

hiddenimports: list[str] = []
