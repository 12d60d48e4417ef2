"""Answers files are input from anywhere: read within bounds, or refused in one line.

A property test feeds the real command line, in a child process with its
address space capped, hostile answers files (YAML and JSON): alias bombs,
recursive aliases, deep nesting, huge and non-finite numbers, oversized
files, FIFOs and devices, answers that are no single value. Each must end in
one line on stderr with exit status 2, write nothing, and take bounded time
and memory. Then plain cases: the numbers and dates that YAML or JSON would
silently change, email addresses, over-long names, and real projects'
records, which must still replay.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.answers import MAX_BYTES, MAX_DEPTH, MAX_VALUES
from generator.checks import MAX_NAME, check, check_email
from support import assert_one_line_error, file_tree, real_templates, scaffold

EXAMPLES = int(os.environ.get("SCAFFOLD_HYPOTHESIS_EXAMPLES", "200")) // 4
MEMORY_LIMIT = 512 << 20  # the child's whole address space, interpreter included
MAX_SECONDS = 2.0  # for reading and refusing one file; it takes under 0.3 s here
MAX_RSS = 128 << 20  # the child's peak resident memory, start-up included; 50 MiB at most here
LONGEST_ERROR = 400  # characters: an error names keys and kinds, never a whole value

# The real command line in a child process, its address space capped so that
# a regression can't take the machine's memory; it reports its own time and
# peak resident memory (start-up not counted in the time) into a file.
CHILD = """
import resource, sys, time
limit, stats_file = int(sys.argv[1]), sys.argv[2]
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
sys.argv[1:] = sys.argv[3:]
from generator.cli import main
start = time.perf_counter()
try:
    main()
finally:
    seconds = time.perf_counter() - start
    # Not getrusage's ru_maxrss: that keeps the parent's peak across fork and exec.
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
    with open(stats_file, "w") as stats:
        stats.write(f"{seconds} {peak}")
"""


def run_child(answers: str, out: Path) -> SimpleNamespace:
    """``scaffold new --answers ANSWERS`` in a capped child: its result, with
    the seconds and bytes it took."""
    stats = out.parent / "stats"
    args = ["new", "--answers", answers, "--framework", "flask", "--no-input", "-o", str(out)]
    # A hang (a FIFO read to its end) fails here rather than blocking the suite.
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(MEMORY_LIMIT), str(stats), *args],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    seconds, peak = stats.read_text().split()
    # Shaped as Click's Result, for assert_one_line_error.
    return SimpleNamespace(
        exit_code=done.returncode, stdout=done.stdout, stderr=done.stderr,
        output=done.stdout + done.stderr, seconds=float(seconds), peak=int(peak),
    )  # fmt: skip


# --- hostile files: (file name, content), or a special file's path -----------------

deep_yaml = st.builds(
    lambda opener, depth: ("deep.yaml", (opener * depth)[:MAX_BYTES]),
    st.sampled_from(["[", "{a: ", "- ", "? "]),
    st.integers(MAX_DEPTH + 1, MAX_BYTES),
)
# Block nesting needs indentation: depth d takes d*d/2 characters.
deep_block = st.integers(MAX_DEPTH + 1, 1400).map(
    lambda depth: ("block.yaml", "".join(" " * i + "a:\n" for i in range(depth)))
)
deep_json = st.builds(
    lambda opener, depth, under: ("deep.json", under.replace("X", opener * depth)[:MAX_BYTES]),
    st.sampled_from(["[", '{"a": ', '{"answers": ']),
    st.integers(MAX_DEPTH + 1, MAX_BYTES),
    st.sampled_from(["X", '{"answers": {"version": X', '{"scaffold_version": X']),
)


@st.composite
def alias_bomb(draw: st.DrawFn) -> tuple[str, str]:
    """Billion laughs: each level an anchored list of ``width`` aliases to the
    one before (under an answer), the last one used as another answer, the
    template or the version."""
    width = draw(st.integers(2, 12))
    levels = 1
    while width**levels <= MAX_VALUES:
        levels += 1
    levels += draw(st.integers(0, 3))
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    body = "\n".join(f"    {line}" for line in lines)
    use = draw(st.sampled_from(["  version: *", "template: *", "scaffold_version: *"]))
    return "bomb.yaml", f"answers:\n  description: x\n  forms:\n{body}\n{use}l{levels - 1}\n"


recursive_alias = st.sampled_from(
    [
        "answers: &a [*a]\n",
        "answers: &a {version: *a}\n",
        "scaffold_version: &a [[*a]]\n",
        "template: &a {a: [*a]}\n",
    ]
).map(lambda text: ("recursive.yaml", text))

huge_number = st.builds(
    lambda digits, sign, fmt, where: (f"huge.{fmt}", where[fmt].replace("N", sign + "9" * digits)),
    st.integers(20, 6000),
    st.sampled_from(["", "-"]),
    st.sampled_from(["yaml", "json"]),
    st.sampled_from(
        [
            {"yaml": "answers:\n  version: N\n", "json": '{"answers": {"version": N}}'},
            {"yaml": "template: N\n", "json": '{"template": N}'},
            {"yaml": "scaffold_version: N\n", "json": '{"scaffold_version": N}'},
        ]
    ),
)
non_finite = st.sampled_from(
    [
        ("inf.yaml", "answers:\n  version: .inf\n"),
        ("inf.yaml", "answers:\n  version: -.Inf\n"),
        ("nan.yaml", "answers:\n  version: .nan\n"),
        ("big.yaml", "answers:\n  version: 1.0e+999\n"),
        ("nan.json", '{"answers": {"version": NaN}}'),
        ("inf.json", '{"answers": {"version": -Infinity}}'),
        ("big.json", '{"answers": {"version": 1e999}}'),
        ("big.json", '{"answers": {"version": 9223372036854775808}}'),  # 2**63
    ]
)
oversized = st.builds(
    lambda extra, fmt, filler: (
        f"big.{fmt}",
        (
            "answers:\n  description: " + filler * (MAX_BYTES + extra)
            if fmt == "yaml"
            else '{"answers": {"description": "' + filler * (MAX_BYTES + extra) + '"}}'
        ),
    ),
    st.integers(1, 100_000),
    st.sampled_from(["yaml", "json"]),
    st.sampled_from(["x", " ", "é", "["]),
)
# Just under the limit: read, parsed, and refused for what they hold, with
# no more than the key and the kind of value in the message.
long_value = st.builds(
    lambda size, fmt: (
        f"long.{fmt}",
        (
            "answers:\n  description: " + "x" * size + "\n"
            if fmt == "yaml"
            else '{"answers": {"description": "' + "x" * size + '"}}'
        ),
    ),
    st.integers(501, MAX_BYTES - 40),
    st.sampled_from(["yaml", "json"]),
)
not_one_value = st.builds(
    lambda value, fmt: (f"value.{fmt}", json.dumps({"answers": {"version": value}})),
    st.recursive(
        st.lists(st.integers(0, 9), max_size=3) | st.dictionaries(st.text(max_size=3), st.none()),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
        max_leaves=20,
    ),
    st.sampled_from(["yaml", "json"]),  # JSON is YAML too
)
special = st.sampled_from(["FIFO", "/dev/zero", "/dev/urandom", "/dev/null", "FOLDER"])

hostile_file = st.one_of(
    deep_yaml, deep_block, deep_json, alias_bomb(), recursive_alias, huge_number,
    non_finite, oversized, long_value, not_one_value, special,
)  # fmt: skip


def make(folder: Path, hostile: tuple[str, str] | str) -> str:
    """Write the hostile file (or make the special one) in ``folder``; its path."""
    if hostile == "FIFO":
        os.mkfifo(folder / "answers.yaml")  # nobody ever writes to it
        return str(folder / "answers.yaml")
    if hostile == "FOLDER":
        (folder / "answers.yaml").mkdir()
        return str(folder / "answers.yaml")
    if isinstance(hostile, str):
        return hostile
    name, text = hostile
    (folder / name).write_text(text, encoding="utf-8")
    return str(folder / name)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hostile=hostile_file)
def test_hostile_answers_files_are_refused_in_one_line_in_bounded_time_and_memory(
    hostile: tuple[str, str] | str,
) -> None:
    with tempfile.TemporaryDirectory(prefix="answers-") as scratch:
        folder = Path(scratch)
        answers = make(folder, hostile)
        out = folder / "out"
        result = run_child(answers, out)
        assert_one_line_error(result, 2, answers)
        assert len(result.stderr) < LONGEST_ERROR, result.stderr[:LONGEST_ERROR]
        assert not out.exists(), "nothing written"
        assert result.seconds < MAX_SECONDS, (result.seconds, result.stderr)
        assert result.peak < MAX_RSS, (result.peak, result.stderr)


@pytest.mark.parametrize(
    ("hostile", "text"),
    [
        (("bomb.yaml", "a: &a [x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n"
            for i in range(8))), f"more than {MAX_VALUES:,} values"),
        (("rec.yaml", "answers: &a [*a]\n"), f"nested more than {MAX_DEPTH} deep"),
        (("deep.yaml", "[" * 200_000), f"nested more than {MAX_DEPTH} deep"),
        (("deep.json", "[" * 200_000), f"nested more than {MAX_DEPTH} deep"),
        (("int.yaml", "answers:\n  version: " + "1" * 5000), "answers.version: a number of 5,000"),
        (("int.json", '{"answers": {"version": ' + "1" * 5000 + "}}"), "a number of 5,000"),
        (("big.yaml", "answers:\n  description: " + "x" * MAX_BYTES), "larger than 1 MiB"),
        ("/dev/zero", "/dev/zero is not a regular file"),
        ("FIFO", "is not a regular file"),
    ],
)  # fmt: skip
def test_each_kind_of_hostile_file_has_its_reason(
    tmp_path: Path, hostile: tuple[str, str] | str, text: str
) -> None:
    """The property above, on one example of each kind, with the reason given."""
    answers = make(tmp_path, hostile)
    result = run_child(answers, tmp_path / "out")
    assert_one_line_error(result, 2, text)
    assert not (tmp_path / "out").exists()
    assert result.seconds < MAX_SECONDS and result.peak < MAX_RSS, result


# --- values YAML (or JSON) would silently change ---------------------------------


def new_from(folder: Path, text: str, name: str = "answers.yaml") -> Any:
    """``scaffold new --answers`` with this file, for flask-minimal, writing nothing."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    args = ["--answers", str(path), "--template", "flask-minimal", "--no-input", "--dry-run"]
    return scaffold("new", *args, "--json", "-o", str(folder / "out"))


@pytest.mark.parametrize(
    ("written", "becomes"),
    [
        ("1.10", "the number 1.1"),
        ("1:30:00", "the number 5400"),
        ("017", "the number 15"),
        ("0x1f", "the number 31"),
        ("0b101", "the number 5"),
        ("1_000", "the number 1000"),
        ("+1", "the number 1"),
        ("-0", "the number 0"),
        ("1.", "the number 1.0"),
        ("1.5e+3", "the number 1500.0"),
        (".inf", "the number inf"),
        ("-.inf", "the number -inf"),
        (".NaN", "the number nan"),
        ("2024-01-01", "a date"),
        ("2024-01-01 10:00:00", "a date"),
        ("2024-01-01T10:00:00Z", "a date"),
    ],
)
def test_yaml_values_that_yaml_changes_are_refused_with_a_hint(
    tmp_path: Path, written: str, becomes: str
) -> None:
    result = new_from(tmp_path, f"answers:\n  version: {written}\n")
    path = tmp_path / "answers.yaml"
    said = f'YAML reads {written} as {becomes}; quote it: "{written}"'
    assert_one_line_error(result, 2, f"answers file {path}: answers.version: {said}")
    quoted = new_from(tmp_path, f'answers:\n  description: "{written}"\n')
    assert quoted.exit_code == 0, quoted.output
    assert json.loads(quoted.stdout)["answers"]["description"] == written


@pytest.mark.parametrize(
    ("written", "becomes"),
    [("1.10", "1.1"), ("1e3", "1000.0"), ("1E+3", "1000.0"), ("-0", "0"), ("NaN", "nan"),
     ("Infinity", "inf"), ("1.0e0", "1.0")],
)  # fmt: skip
def test_json_numbers_that_json_changes_are_refused_with_a_hint(
    tmp_path: Path, written: str, becomes: str
) -> None:
    result = new_from(tmp_path, f'{{"answers": {{"version": {written}}}}}', "answers.json")
    text = f'answers.version: JSON reads {written} as the number {becomes}; quote it: "{written}"'
    assert_one_line_error(result, 2, text)


@pytest.mark.parametrize(
    ("answer", "key", "value"),
    [
        ("version: 1.0", "version", "1.0"),
        ("version: 2", "version", "2"),
        ("version: 0.10.0", "version", "0.10.0"),  # not a number in YAML at all
        ("description: 0o17", "description", "0o17"),  # text to YAML 1.1, kept as written
        ("description: 1e3", "description", "1e3"),  # YAML 1.1 floats need a dot
        ("description: 9223372036854775807", "description", "9223372036854775807"),  # 2**63 - 1
        ("forms: true", "forms", True),
        ("forms: false", "forms", False),
        ("description: !!str 1.10", "description", "1.10"),
    ],
)
def test_yaml_values_that_read_as_written_are_taken(
    tmp_path: Path, answer: str, key: str, value: Any
) -> None:
    result = new_from(tmp_path, f"answers:\n  {answer}\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"][key] == value


NO_ANSWER = [
    ("answers:\n  version: [1, 2]\n", "answers.version: a list is not an answer"),
    ('{"answers": {"forms": {"a": 1}}}', "answers.forms: a mapping is not an answer"),
    ("answers:\n  description:\n", "answers.description: null is not an answer"),
    ("answers:\n  version: !!binary aGk=\n", "line 2: YAML tag '!!binary' is not read"),
    ("answers:\n  forms: !!bool maybe\n", "line 2: YAML tag '!!bool' is not read"),
    ("answers:\n  version: !!int abc\n", "line 2: YAML tag '!!int' is not read"),
    ("answers:\n  1: x\n", "'answers' must map names to values; the key 1 is int"),
    (f"answers:\n  {'k' * 200}: x\n", "'answers' must map names to values; a key of 200"),
    (f"{'k' * 1000}: x\n", "unknown key 'kkk"),
    ('{"scaffold_version": [1]}', "'scaffold_version' must be a version"),
    ('{"template": 1.5}', "'template' must be a name"),
    (f"template: {'t' * 1000}\n", "'template' must be a name"),
    ("#\n" * 10_001, "more than 10,000 lines"),
]


@pytest.mark.parametrize(("content", "text"), NO_ANSWER, ids=[text for _, text in NO_ANSWER])
def test_what_is_no_answer_is_named_by_key_and_kind(
    tmp_path: Path, content: str, text: str
) -> None:
    name = "answers.json" if content.startswith("{") else "answers.yaml"
    result = new_from(tmp_path, content, name)
    assert_one_line_error(result, 2, text)
    assert len(result.stderr) < LONGEST_ERROR
    assert not (tmp_path / "out").exists()


# --- email addresses -------------------------------------------------------------

# Refused: each makes flit_core or hatchling fail to build the project, or
# is rewritten by them into another address than the one given.
BAD_EMAILS = ["a..b@c.d", ".a@c.d", "a.@c.d", "a@b", "a @c.d", "a(x)@c.d", "a@c.d(x)", "é@c.d",
              "a@", "a@[", "@c.d", "a@c..d", "a@b@c.d", "a b@c.d", "a,b@c.d", "<a@c.d>",
              "nobody"]  # fmt: skip
GOOD_EMAILS = ["you@example.com", "a.b+c@d.co.uk", '"a b"@c.d', '"a\\"b"@c.d', "a@é.fr",
               "a@[1.2.3.4]", "x_y-z@sub.example.org"]  # fmt: skip


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_emails_the_build_backend_refuses_are_refused(tmp_path: Path, email: str) -> None:
    args = ["x", "--template", "flask-minimal", "--set", f"author_email={email}", "--no-input"]
    result = scaffold("new", *args, "-o", str(tmp_path / "out"))
    assert_one_line_error(result, 2, "author_email: not an email address")
    assert not (tmp_path / "out").exists()
    assert check("email", email), "the interactive prompt validates with the same check"


@pytest.mark.parametrize("email", GOOD_EMAILS)
def test_emails_the_build_backend_takes_are_taken(tmp_path: Path, email: str) -> None:
    args = ["x", "--template", "flask-minimal", "--set", f"author_email={email}", "--no-input"]
    result = scaffold("new", *args, "--dry-run", "--json", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["answers"]["author_email"] == email


@settings(max_examples=EXAMPLES * 20, deadline=None, database=None)
@given(
    email=st.lists(
        st.sampled_from(list('a@.".\\ ()[]<>,;:-+_é\t') + ["b.c", "@b.c", "\u2028"]), max_size=12
    ).map("".join),
    author=st.sampled_from(["Ada", 'O"Brien', "Zoë, Jr.", "<x>"]),
)
def test_an_email_taken_is_one_the_build_backends_take_as_written(email: str, author: str) -> None:
    """What flit_core and hatchling do with ``[project] authors``: never raise,
    and write the address as given."""
    from email.headerregistry import Address

    if check_email(email) is None:
        address = Address(display_name=author, addr_spec=email)
        assert address.addr_spec == email and "." in address.domain
        assert str(address).endswith(f"<{email}>")


# --- names too long for a folder ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["a" * 300], "project_name: longer than 100 characters"),
        (["x", "--set", f"project_slug={'a' * 240}"], "project_slug: longer than 100 characters"),
        (["x", "--set", f"package_name={'a' * 240}"], "package_name: longer than 100 characters"),
    ],
)
def test_names_too_long_for_a_folder_are_refused(
    tmp_path: Path, args: list[str], text: str
) -> None:
    result = scaffold(
        "new", *args, "--template", "flask-minimal", "--no-input", "-o", str(tmp_path)
    )
    assert_one_line_error(result, 2, text)
    assert list(tmp_path.iterdir()) == []


def test_a_name_of_the_longest_length_makes_a_project(tmp_path: Path) -> None:
    name = "a" * MAX_NAME
    assert scaffold("new", name, "--template", "flask-minimal", "-o", str(tmp_path)).exit_code == 0
    assert (tmp_path / name / name / "__init__.py").exists()


# --- real records still replay ----------------------------------------------------------


@pytest.mark.parametrize("template", sorted(real_templates()))
def test_a_real_record_replays_as_json_and_as_yaml(tmp_path: Path, template: str) -> None:
    first = scaffold("new", "shop", "--template", template, "-o", str(tmp_path / "a"))
    assert first.exit_code == 0, first.output
    record = tmp_path / "a" / "shop" / ".scaffold.json"
    as_yaml = tmp_path / "answers.yaml"
    as_yaml.write_text(yaml.safe_dump(json.loads(record.read_text())))
    for answers, out in ((record, "b"), (as_yaml, "c")):
        again = scaffold("new", "--answers", str(answers), "-o", str(tmp_path / out))
        assert again.exit_code == 0, again.output
        assert file_tree(tmp_path / out / "shop") == file_tree(tmp_path / "a" / "shop")
