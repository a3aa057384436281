"""JSON and YAML data as cascade reads it from anyone: a source, a ``--params`` file, a ``--param``.

The same rules everywhere, so a hostile file is refused quickly and cleanly:
YAML aliases may stand only for a single value (no "billion laughs"), merge
keys are refused, nesting deeper than 100 brackets in a row is "nested too
deeply" (not a RecursionError), a key given twice is an error rather than the
silent loss of the first, and JSON's ``NaN`` and ``Infinity`` — which Python
accepts but JSON does not have — are refused rather than read as numbers.
"""

from __future__ import annotations

import functools
import json
import re

__all__ = ["DataError", "load_data"]

_DEEP = re.compile(r"(?:[\[{]\s*){100}")  # 100 brackets opened in a row: nothing a planner writes


class DataError(ValueError):
    """Why a text is not data cascade reads: ``code`` (syntax, too-deep), a message, and its line when known."""

    def __init__(self, code: str, message: str, line: int | None = None):
        super().__init__(message)
        self.code, self.message, self.line = code, message, line


def load_data(text: str, is_json: bool):
    """``text`` parsed as JSON or YAML by the rules above; :class:`DataError` otherwise.

    >>> load_data('{"limit": 5}', True), load_data("opd: &d Bappeda\\nlagi: *d", False)
    ({'limit': 5}, {'opd': 'Bappeda', 'lagi': 'Bappeda'})
    >>> load_data('{"x": NaN}', True)
    Traceback (most recent call last):
    ...
    cascade.datatext.DataError: not valid JSON: NaN is not a JSON number (write it in quotes if it is text)
    """
    import yaml

    kind = "JSON" if is_json else "YAML"
    try:
        if _DEEP.search(text):  # refuse at once what PyYAML would scan for seconds before recursing too deep
            raise RecursionError
        if is_json:
            return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_not_a_number)
        return yaml.load(text, Loader=_loader())  # noqa: S506 — a SafeLoader with aliases limited
    except RecursionError:
        raise DataError("too-deep", "the data is nested too deeply (100 brackets opened in a row; a cascade needs three "
                        "levels: levels → records → values)") from None
    except json.JSONDecodeError as exc:
        raise DataError("syntax", f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError("syntax", f"not valid YAML: {exc.problem or exc.context}",
                        mark.line + 1 if mark is not None else None) from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # a bad date or number; a duplicate JSON key
        why = str(exc).splitlines()[0]
        if "integer string conversion" in why:
            why = "a number is thousands of digits long — is a code missing its quotes?"
        raise DataError("syntax", f"not valid {kind}: {why}") from None


def _not_a_number(word: str):
    raise ValueError(f"{word} is not a JSON number (write it in quotes if it is text)")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) < len(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f'the key "{key}" appears twice in one object')
            seen.add(key)
    return out



@functools.cache
def _loader():
    """A SafeLoader that takes aliases to single values only and refuses repeated keys."""
    import yaml
    from yaml.composer import ComposerError
    from yaml.constructor import ConstructorError

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                node = self.anchors.get(event.anchor)
                if node is not None and not isinstance(node, yaml.ScalarNode):
                    raise ComposerError(
                        None, None,
                        f"the alias *{event.anchor} stands for a list or mapping; aliases may stand only for a single "
                        "value — write the values out",
                        event.start_mark,
                    )
            return super().compose_node(parent, index)

        def flatten_mapping(self, node):
            for key, _value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    raise ConstructorError(None, None, "merge keys (<<) are not accepted; write the values out", key.start_mark)
            super().flatten_mapping(node)

        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) < len(node.value):
                seen = set()
                for key_node, _value in node.value:
                    key = self.construct_object(key_node, deep=deep)
                    if key in seen:
                        raise ConstructorError(None, None, f'the key "{key}" appears twice in one mapping', key_node.start_mark)
                    seen.add(key)
            return mapping

    return Loader
