"""Load errors that name the file, the line and the column.

Examples
--------
>>> str(SchemaError("rel.csv", 7, "type", "unknown relation type 'LOVES'"))
"rel.csv:7: column 'type': unknown relation type 'LOVES'"
"""

from __future__ import annotations

from dataclasses import dataclass

from ecox.graph.errors import InputError

__all__ = ["Reject", "SchemaError"]


class SchemaError(InputError):
    """Input that does not fit the schema: where it is and what was expected."""

    def __init__(self, file: str, line: int | None, column: str | None, message: str) -> None:
        self.file, self.line, self.column, self.message = str(file), line, column, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" column '{self.column}':" if self.column else ""
        return f"{where}:{column} {self.message}"


@dataclass(frozen=True)
class Reject:
    """A row left out under ``--skip-invalid``, with the reason."""

    file: str
    line: int | None
    column: str | None
    reason: str
    row: str

    @classmethod
    def of(cls, error: SchemaError, row: str) -> Reject:
        """The reject record of a row that raised ``error``."""
        return cls(error.file, error.line, error.column, error.message, row)
