"""The list of steps on the left, with a coloured dot for each step's state."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget

# roles whose change can alter an item's size; a step's dot (always 14×14), tooltip and state cannot
_SIZE_ROLES = {Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.SizeHintRole.value, Qt.ItemDataRole.FontRole.value}


class StepList(QListWidget):
    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        # QListView lays out and repaints every item on any change; when a keystroke raises a flag,
        # only the dots of a step or two change. The item view's own handling repaints just those.
        if top_left == bottom_right and roles and not _SIZE_ROLES.intersection(roles):
            QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)
        else:
            super().dataChanged(top_left, bottom_right, roles)
