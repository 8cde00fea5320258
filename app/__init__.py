"""nianbao core: the annual report as data, its checks, storage, import and export. No Qt here."""

__version__ = "0.2.0"
