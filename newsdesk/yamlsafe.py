"""Loading YAML the user wrote (sidecars, ``entities.yml``, .md front-matter) safely.

``yaml.safe_load`` never runs code, but it still follows aliases, so a tiny "billion
laughs" file expands into an enormous structure once walked. User YAML here never needs
anchors or aliases, so they are refused outright, as are very large files.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 256 * 1024


class YamlError(ValueError):
    """The YAML text is not acceptable; the message says why (with line where known)."""


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(
                f"line {event.start_mark.line + 1}: YAML aliases (*name) are not allowed"
            )
        return super().compose_node(parent, index)


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
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlError(f"expected a mapping of keys to values, got {type(data).__name__}")
    bad_keys = [k for k in data if not isinstance(k, str)]
    if bad_keys:
        raise YamlError(f"keys must be text, got {bad_keys[0]!r}")
    return data
