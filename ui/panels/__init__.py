"""Panels shown beside the pages: the step list, the findings list and its counts, the deadline line, the self-
check and the indicators.
"""
