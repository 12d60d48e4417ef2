"""The filters that write answers into generated files (scaffold_filters.py)."""

from __future__ import annotations

import html
import re
import string
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.checks import check_text
from support import REPO, real_templates

sys.path.insert(0, str(REPO / "templates" / "_shared"))
from scaffold_filters import md  # noqa: E402

# CommonMark, plus the extensions of GitHub's Markdown that markdown-it has.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def shown(markdown: str, tag: str) -> str:
    """The text of the one ``tag`` element that ``markdown`` renders to; an
    error if it renders to anything else (another block, inline markup)."""
    rendered = MARKDOWN.render(markdown)
    match = re.fullmatch(rf"<{tag}>([^<]*)</{tag}>\n", rendered)
    assert match, rendered
    return html.unescape(match[1])


@pytest.mark.parametrize(
    "text",
    [
        "A Flask application.",
        "A Django website.",
        "Notes, tasks & a REST API (v1.0): fast, small - and free!",
        "snake_case names, 3 + 4 = 7, 50% off, a|b, a > b, a < b, C#, #1",
        "O'Brien's \"quoted\" {braces} @user https://example.com/a?b=c",
    ],
)
def test_text_without_markup_is_written_as_it_is(text: str) -> None:
    assert md(text) == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("*bold* and _emphasis_", r"\*bold\* and \_emphasis\_"),
        ("`code`, [link](x), ~~gone~~, $x$", r"\`code\`, \[link](x), \~\~gone\~\~, \$x\$"),
        ("<b>tag</b> <https://x.io>", r"\<b>tag\</b> \<https://x.io>"),
        ("&amp; &#35; & AT&T", r"\&amp; \&#35; & AT&T"),
        (r"a \* b, C:\Users", r"a \\\* b, C:\Users"),
        ("__init__ and a_b_", r"\_\_init\_\_ and a_b\_"),
        ("# not a heading", r"\# not a heading"),
        ("> not a quote", r"\> not a quote"),
        ("- not a list", r"\- not a list"),
        ("+ not a list", r"\+ not a list"),
        ("1. not a list", r"1\. not a list"),
        ("2) not a list", r"2\) not a list"),
        ("---", r"\---"),
        ("ends with #", r"ends with \#"),
        ("    not code", "&#32;&#32;&#32;&#32;not code"),
    ],
)
def test_markup_is_escaped(text: str, written: str) -> None:
    assert md(text) == written


@pytest.mark.parametrize("name", sorted(real_templates()))
def test_default_descriptions_need_no_escape(name: str) -> None:
    """The README of a project made with the defaults shows no backslash."""
    description = real_templates()[name].field("description").default
    assert md(description) == description


# One-line answers, heavy in what Markdown reads as markup.
MARKUP = [*string.punctuation, " ", "    ", "\xa0", "a", "Z", "1", "é", "日", "😀", "---", "1."]
one_line = st.lists(st.sampled_from(MARKUP) | st.text(max_size=3), max_size=16).map("".join)


@settings(max_examples=2000, deadline=None)
@given(text=one_line.filter(lambda t: t.strip() and check_text(t) is None))
def test_paragraph_and_heading_show_the_text(text: str) -> None:
    """Any one line, as a paragraph and as a heading, renders as exactly that
    text: no markup, and no backslash of ours left showing. Markdown drops
    whitespace that ends a line (which of it depends on the renderer)."""
    assert shown(md(text) + "\n", "p").rstrip() == text.rstrip()
    assert shown(f"# {md(text)}\n", "h1").rstrip() == text.rstrip()
