"""The main window and how the app starts: the window, its menus and file actions, the step editor that holds the
pages, start-up and screenshots.
"""
