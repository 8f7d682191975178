"""Type stubs for the native extension module ``oske._oske``."""

__all__ = [
    "LoadError",
    "OskeError",
    "ProtocolError",
    "ValidationError",
    "__version__",
]

__version__: str

class OskeError(Exception):
    """Base class of every error raised by oske."""

class ProtocolError(OskeError):
    """A document or call does not follow the oske protocol."""

class ValidationError(OskeError):
    """A document breaks one or more rules of the oske rulebook."""

class LoadError(OskeError):
    """A document could not be read or parsed."""
