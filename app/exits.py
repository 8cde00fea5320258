"""The exit codes of every ``nianbao`` command: one set, so that a script or a batch file reads them all alike.

``OK`` (0)           done, and nothing in the result needs the officer's eye.
``WITH_ERRORS`` (1)  done — the file was written or checked — but the result holds something to look at: ``check``
                     found errors, ``consolidate`` wrote a 汇总 whose tables have errors, ``compare`` found
                     differences, ``export --pdf`` wrote the Word file but not the PDF.
``NOT_DONE`` (2)     nothing done, nothing written: an input that cannot be read, an output that exists without
                     ``--force``, an output suffix no command writes, a refused option (argparse's own code for a
                     bad command line is 2 as well, so a typing error and a refusal read alike).

Each command's help ends with what the codes mean for it (``meaning``), as does the README's command table.
"""

from __future__ import annotations

OK, WITH_ERRORS, NOT_DONE = 0, 1, 2


def meaning(ok: str, not_done: str, with_errors: str | None = None) -> str:
    """The line at the foot of a command's help: “退出码：0 …；1 …；2 …。” (1 only where the command gives it)."""
    parts = [f"{OK} {ok}"] + ([f"{WITH_ERRORS} {with_errors}"] if with_errors else []) + [f"{NOT_DONE} {not_done}"]
    return "退出码：" + "；".join(parts) + "。"
