"""Data files read by nianbao: the official format, text templates, icons and the bundled example."""
