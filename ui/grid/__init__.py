"""The table grids: the model over the official grid, the view with Excel-like keys, the frozen header rows and
label columns, the cell editor.
"""
