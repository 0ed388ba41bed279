"""Models share one ``__pydantic_fields_set__`` per distinct set of fields given (memory), and what
pydantic answers from it is unchanged: the fields given, ``exclude_unset`` dumps, ``model_copy``."""

from __future__ import annotations

import pickle

from policycheck.api import load
from policycheck.load.compact import dumps
from policycheck.model import Flow, System
from tests.conftest import ORG_EXAMPLE


def test_same_fields_given_share_one_set() -> None:
    a = Flow.model_validate({"to": "crm", "categories": ("email",)})
    b = Flow.model_validate({"to": "erp", "categories": ("name",)})
    c = Flow.model_validate({"to": "erp", "categories": ("name",), "purpose": "billing"})
    assert a.model_fields_set == b.model_fields_set == {"to", "categories"}
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert c.model_fields_set == {"to", "categories", "purpose"}
    assert c.__pydantic_fields_set__ is not a.__pydantic_fields_set__
    assert a.model_dump(exclude_unset=True) == {"to": "crm", "categories": ("email",)}


def test_a_copy_with_updates_leaves_the_shared_set_alone() -> None:
    a = Flow.model_validate({"to": "crm", "categories": ("email",)})
    b = Flow.model_validate({"to": "erp", "categories": ("name",)})
    copied = a.model_copy(update={"purpose": "billing"})
    assert copied.model_fields_set == {"to", "categories", "purpose"}
    assert a.model_fields_set == b.model_fields_set == {"to", "categories"}


def test_a_loaded_repo_shares_them_and_a_pickle_keeps_them() -> None:
    _, repo = load(ORG_EXAMPLE, use_cache=False)
    systems = list(repo.systems.values())
    sets = {id(s.__pydantic_fields_set__) for s in systems}
    assert len(sets) < len(systems)
    assert all(s.model_fields_set == set(s.model_dump(exclude_unset=True)) for s in systems)
    back = pickle.loads(dumps(systems))
    assert [s.model_fields_set for s in back] == [s.model_fields_set for s in systems]
    assert back == systems
    assert isinstance(back[0], System)


def test_plain_names_have_no_dict_and_durations_are_shared() -> None:
    from policycheck.model.types import Name, _duration

    plain, both = Name("CRM"), Name("CRM", (("en", "CRM"), ("sv", "Kundregister")))
    assert plain.texts == () and "texts" not in vars(plain)
    assert both.texts == (("en", "CRM"), ("sv", "Kundregister")) and both.in_lang("sv") == "Kundregister"
    assert pickle.loads(pickle.dumps(plain)) == plain and pickle.loads(pickle.dumps(both)).texts == both.texts
    assert plain != both
    assert _duration("P30D") is _duration("P30D") and _duration("P30D").days == 30
