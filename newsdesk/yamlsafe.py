"""Loading YAML the user wrote (sidecars, ``entities.yml``, .md front-matter) safely.

``yaml.safe_load`` never runs code, but it still follows aliases, so a tiny "billion
laughs" file expands into an enormous structure once walked. User YAML here never needs
anchors or aliases, so they are refused outright, as are very large files and very deep
nesting. Every failure, whatever part of PyYAML or Python raised it (a date such as
``2020-13-45``, an integer of thousands of digits, ``[[[[...]]]]`` nested past the
recursion limit), becomes a ``YamlError`` with the line where known, so one bad file can
never stop a build. Text values (and keys) come back with the characters the text policy
removes (bidirectional overrides, zero-width and control characters; see
``newsdesk.read``) taken out.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 256 * 1024
MAX_DEPTH = 50


class YamlError(ValueError):
    """The YAML text is not acceptable; the message says why (with line where known)."""


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(
                f"line {event.start_mark.line + 1}: YAML aliases (*name) are not allowed"
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise YamlError(f"line {mark.line + 1}: nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_mapping(text: str) -> dict[str, Any]:
    """Parse ``text`` as a YAML mapping (an empty document gives ``{}``)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise YamlError(f"larger than {MAX_YAML_BYTES // 1024} KiB")
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlError(f"{where}invalid YAML ({problem})") from None
    except RecursionError:
        raise YamlError(f"nested too deeply (at most {MAX_DEPTH} levels)") from None
    except (ValueError, OverflowError, TypeError) as exc:
        # A value PyYAML recognised but Python refuses: a date like 2020-13-45, an integer
        # of thousands of digits, a time zone offset of a day or more.
        raise YamlError(f"invalid value ({exc}); quote it to keep it as text") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlError(f"expected a mapping of keys to values, got {type(data).__name__}")
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        raise YamlError(f"keys must be text, got {bad_keys[0]!r}")
    return _clean(data)


def _clean(value: Any) -> Any:
    """Strings with the text policy's invisible characters removed, in any structure."""
    from .read import strip_invisible  # read imports this module

    if isinstance(value, str):
        return strip_invisible(value)[0]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value
