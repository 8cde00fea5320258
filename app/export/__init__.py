"""Exporting a report: Word in the GB/T 9704 layout (``word``, raw XML in ``docx_xml``), PDF through
LibreOffice (``pdf_convert``), and the ``nianbao export`` command (``cli``). Qt-free, like all of ``app``."""
