"""Pickles of validated models without pydantic's per-object ``__getstate__``/``__setstate__``.

A strict model is its field values (``__dict__``) and the fields that were given; nothing
else (no extra fields, no private attributes). Pickled as exactly that, a model costs
about half as much to pickle and to unpickle as through pydantic's general state
handling, which matters for what travels from a worker of a parallel load
(:mod:`policycheck.load.parallel`) and for the file cache's entries. A model with extra
or private state is pickled the general way.
"""

from __future__ import annotations

import io
import pickle
from functools import cache
from typing import IO, Any

from pydantic import BaseModel

_set = object.__setattr__


def _model(cls: type[BaseModel], values: dict[str, Any], fields_set: set[str]) -> BaseModel:
    """A model from its pickled parts, as pydantic's ``__setstate__`` would restore it."""
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", fields_set)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def _reduce(obj: BaseModel) -> Any:
    if obj.__pydantic_extra__ is not None or obj.__pydantic_private__ is not None:
        return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    return _model, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)


@cache
def _table() -> dict[type, Any]:
    """The reducer of every declaration model (policycheck.model's classes, all defined at its import)."""
    from policycheck.model import Strict

    out: dict[type, Any] = {}
    todo: list[type] = [Strict]
    while todo:
        cls = todo.pop()
        out[cls] = _reduce
        todo += cls.__subclasses__()
    return out


def pickler(file: IO[bytes]) -> pickle.Pickler:
    """A pickler into ``file`` that pickles declaration models compactly; ``pickle.load`` reads it."""
    out = pickle.Pickler(file, protocol=pickle.HIGHEST_PROTOCOL)
    out.dispatch_table = _table()
    return out


def dumps(value: Any) -> bytes:
    """``pickle.dumps(value)``, with declaration models pickled compactly; ``pickle.loads`` reads it."""
    out = io.BytesIO()
    pickler(out).dump(value)
    return out.getvalue()
