"""Dialogs: import, compare with the published page, find and replace, the guide, a new 汇总."""
