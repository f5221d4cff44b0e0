"""A function named by "module:function" with its leading arguments: a hook that pickles.

A spawned process (enrolment, calibration, photo scoring) cannot be handed a closure, so a
workspace plug-in gives it a `NamedCall`; the child imports the module and calls the function
with `args` followed by its own arguments. Production code thus runs plug-in code without
importing it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class NamedCall:
    function: str  # "package.module:function"
    args: tuple[Any, ...] = ()  # must pickle: they cross into the child process

    def __call__(self, *more: Any, **keywords: Any) -> Any:
        module, _, name = self.function.partition(":")
        if not module or not name:
            raise ValueError(f"not a 'module:function' name: {self.function!r}")
        return getattr(importlib.import_module(module), name)(*self.args, *more, **keywords)
