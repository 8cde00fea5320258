"""The budgets every reader of outside input keeps, in one place (docs/reliability.md lists them and what each
attack meets): published reports and workbooks being imported (``readers``), and the project file itself with
the values it may hold (``project``). A reader that passes a budget stops at once with a Chinese message that
names the limit and the file; nothing is written."""

from .project import *  # noqa: F403
from .readers import *  # noqa: F403
