"""The loader: what YAML gets silently wrong is refused, each at its exact line and column."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from playbook.content.load import MAX_BYTES, MAX_DEPTH, Position, load_document


def problems(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    document, found = load_document("f.yml", raw)
    assert (document is None) == bool(found)
    return [p.format() for p in found]


def test_loads_data_with_positions_of_values_and_keys() -> None:
    document, found = load_document("f.yml", b"id: x\nhow:\n  - one\n  - two\n")
    assert not found and document is not None
    assert document.data == {"id": "x", "how": ("one", "two")}
    assert document.position_of(("how", 1)) == Position(4, 5)
    assert document.position_of(("how",), key=True) == Position(2, 1)
    assert document.position_of(("how",)) == Position(3, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("answer: no", "no"),
        ("answer: on", "on"),
        ("answer: yes", "yes"),
        ("answer: 012", "012"),
        ("answer: 1:20", "1:20"),
        ("answer: 0x1F", "0x1F"),
        ("answer: 1_000", "1_000"),
        ("answer: .inf", ".inf"),
        ("answer: 2013", 2013),
        ("answer: -3", -3),
        ("answer: 1.5", 1.5),
        ("answer: true", True),
        ("answer: false", False),
        ("answer: ~", None),
        ("answer: '2013'", "2013"),
    ],
)
def test_yaml_1_1_surprises_stay_text(text: str, expected: object) -> None:
    document, found = load_document("f.yml", text.encode())
    assert not found and document is not None
    assert document.data["answer"] == expected
    assert type(document.data["answer"]) is type(expected)


def test_syntax_error_points_at_the_mistake() -> None:
    assert problems("id: x\ntitle: Networking: the basics\n") == [
        "f.yml:2:18: (file): YAML syntax error: mapping values are not allowed in this context"
        " — a second ': ' on one line: put the whole value in quotes"
    ]


def test_tab_indentation() -> None:
    assert problems("how:\n\t- one\n  - two\n") == [
        "f.yml:2:1: (file): a tab is used for indentation — YAML allows only spaces here; replace the tab with spaces"
    ]


def test_duplicate_key_names_both_lines() -> None:
    assert problems("id: x\ntitle: A\nsummary: s\ntitle: B\n") == [
        "f.yml:4:1: title: duplicate key 'title' (first set on line 2)"
        " — keep one of the two; YAML would silently keep only the last"
    ]


def test_duplicate_key_in_a_nested_mapping() -> None:
    [message] = problems("example:\n  weak: a\n  weak: b\n")
    assert message.startswith("f.yml:3:3: example.weak: duplicate key 'weak' (first set on line 2)")


def test_anchor_and_alias_are_refused() -> None:
    assert problems("a: &x hello\nb: *x\n") == [
        "f.yml:1:4: a: an anchor (&x) is not allowed — write the value out in full where it is needed;"
        " anchors and aliases are refused because they let a small file expand into a huge one",
        "f.yml:2:4: b: an alias (*x) is not allowed — write the value out in full; aliases are refused"
        " because they let a small file expand into a huge one",
    ]


def test_merge_key_is_refused() -> None:
    found = problems("base:\n  a: 1\nother:\n  <<: {a: 2}\n")
    assert "f.yml:4:3: other: merge keys (<<) are not allowed — copy the keys you need into this mapping" in found


def test_billion_laughs_is_refused_before_expanding() -> None:
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    found = problems(bomb)
    assert found and all("anchor" in p or "alias" in p for p in found)


def test_explicit_tags_are_refused() -> None:
    assert problems("a: !!python/object:os.system x\n") == [
        "f.yml:1:4: a: the tag tag:yaml.org,2002:python/object:os.system is not allowed — remove the tag and write a plain value"
    ]


def test_excessive_nesting() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    [message] = problems(deep)
    assert message.startswith(f"f.yml:1:{MAX_DEPTH + 3}: ")
    assert f"nesting deeper than {MAX_DEPTH} levels" in message


def test_file_too_large() -> None:
    assert problems(b"a: " + b"x" * MAX_BYTES) == [
        f"f.yml:1:1: (file): the file is {MAX_BYTES + 3:,} bytes, over the limit of {MAX_BYTES:,} — split it: one entry per file"
    ]


def test_not_utf8_names_line_and_column() -> None:
    assert problems(b"id: x\ntitle: Caf\xe9\n") == [
        "f.yml:2:11: (file): the file is not UTF-8 text (byte 0xE9) — save the file as UTF-8 in your editor"
    ]


def test_utf8_bom_is_accepted() -> None:
    document, found = load_document("f.yml", "\ufeffid: café\n".encode())
    assert not found and document is not None and document.data == {"id": "café"}


def test_control_character_is_reported() -> None:
    assert problems("id: a\x07b\n") == [
        "f.yml:1:6: (file): a control character (U+0007) is not allowed — remove it; save the file as plain UTF-8 text"
    ]


def test_second_document_is_refused() -> None:
    assert problems("id: a\n---\nid: b\n") == [
        "f.yml:2:1: (file): a second YAML document in the same file — keep one entry per file and remove the '---' line"
    ]


def test_complex_key_is_refused() -> None:
    [message] = problems("? [a, b]\n: c\n")
    assert "a key must be plain text" in message


def test_every_problem_of_a_file_at_once() -> None:
    found = problems("a: &x 1\nb: *x\nc: 1\nc: 2\n")
    assert len(found) == 3


def test_an_unclosed_quote_is_reported_where_it_opens_not_at_the_end_of_the_file() -> None:
    assert problems('id: x\ntitle: "Unclosed\nsummary: fine\nother: fine\n') == [
        "f.yml:2:8: (file): YAML syntax error: a quoted text starts here and is never closed"
        " — end it with the same quote mark, or remove the opening one"
    ]


def test_a_stray_bracket_is_reported_on_its_own_line() -> None:
    assert problems("id: x\ntags: [a, b\nsummary: fine\nother: x\n") == [
        "f.yml:2:7: (file): YAML syntax error: the [ here is not closed"
        " — add the closing ] after the last item, or quote the text"
    ]


def test_a_key_without_its_colon_is_reported_on_its_own_line() -> None:
    [message] = problems("id: x\ntitle Give first\nsummary: fine\n")
    assert message.startswith("f.yml:2:1: (file): YAML syntax error: could not find expected ':'")


def test_a_content_file_that_never_answers_is_refused_not_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regular file on a stalled network disk: the read is given up after READ_TIMEOUT, the command goes on."""
    from playbook.content import load

    stalled = threading.Event()
    real_read = os.read

    def never_answers(descriptor: int, size: int) -> bytes:
        stalled.wait()
        return real_read(descriptor, size)

    path = tmp_path / "give-first.yml"
    path.write_text("id: give-first\n")
    monkeypatch.setattr(load, "READ_TIMEOUT", 0.05)
    monkeypatch.setattr(load.os, "read", never_answers)
    try:
        with pytest.raises(load.NotReadable, match=r"reading the file took longer than 0\.05 s"):
            load.read_regular_file(path, load.MAX_BYTES)
    finally:
        stalled.set()
