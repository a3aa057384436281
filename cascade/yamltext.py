"""YAML settings files (level schemas, mappings): parsed safely, with the line of every key for errors."""

from __future__ import annotations

__all__ = ["yaml_with_lines", "settings_text"]


def settings_text(path, what: str, error: type[Exception], missing: str | None = None) -> str:
    """The text of a settings file (BOM allowed), or ``error`` naming the file: ``missing`` when it does
    not exist (when given), else "cannot read ``what``" with the system's reason."""
    from pathlib import Path

    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        if missing is not None and isinstance(exc, FileNotFoundError):
            raise error(f"{path}: {missing}") from None
        raise error(f"{path}: cannot read {what} ({getattr(exc, 'strerror', None) or exc})") from None


def yaml_with_lines(text: str, where: str, error: type[Exception] = ValueError) -> tuple[object, dict]:
    """Parsed YAML and the line of every key (by path: ``("levels", 2, "label")``); aliases are refused:
    a settings file needs none, and they are what YAML bombs are made of."""
    import yaml

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise error(f"{where}, line {event.start_mark.line + 1}: aliases (*name) are not allowed here")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f", line {mark.line + 1}" if mark else ""
        raise error(f"{where}{at}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if node is None:
        raise error(f"{where}: the file is empty")
    lines: dict = {}

    def walk(n, path: tuple) -> None:
        lines.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                lines[path + (key.value,)] = key.start_mark.line + 1
                walk(value, path + (key.value,))
        elif isinstance(n, yaml.SequenceNode):
            for i, value in enumerate(n.value):
                walk(value, path + (i,))

    walk(node, ())
    return data, lines
