"""Budgets for the readers of published reports, web pages, PDFs and workbooks (see the package doc)."""
