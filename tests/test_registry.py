"""The extractor registry and pipeline: order, failures, options, the record, and a real
plug-in installed with pip whose facts reach every layer."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsgraph.article import COUNT_TYPES, ENTITY_TYPES, Article, Span
from newsgraph.errors import CODES, ExtractorError
from newsgraph.extract import registry
from newsgraph.extract.registry import Extractor, Option, ordered, register, registered, unregister
from newsgraph.settings import DOCUMENTED, Settings

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Word:
    text: str
    span: Span


def _ex(name, needs=(), func=lambda doc, ctx: []):
    return Extractor(name=name, fact=Word, func=func, needs=needs)


def test_order_follows_needs_and_keeps_registration_order_among_equals():
    exs = [_ex("c", ("b",)), _ex("a"), _ex("b", ("a",)), _ex("d")]
    assert [e.name for e in ordered(exs)] == ["a", "b", "c", "d"]


def test_a_missing_need_or_a_cycle_is_a_coded_error_naming_them():
    with pytest.raises(ExtractorError, match="needs zzz, which is not registered") as e:
        ordered([_ex("a", ("zzz",))])
    assert e.value.code == "E304"
    with pytest.raises(ExtractorError, match="cycle"):
        ordered([_ex("a", ("b",)), _ex("b", ("a",))])


def test_builtin_extractors_are_registered_in_dependency_order():
    names = list(registered())
    assert names[:3] == ["entities", "quotes", "counts"]
    assert registered()["quotes"].needs == ("entities",)


def test_bad_names_and_option_values_are_refused_with_what_is_valid(monkeypatch):
    with pytest.raises(ExtractorError, match="lower-case identifier"):
        register(_ex("Bad-Name"))
    monkeypatch.setenv("NEWSGRAPH_QUOTES_NESTED", "maybe")
    with pytest.raises(ExtractorError, match=r"NEWSGRAPH_QUOTES_NESTED='maybe' is not valid; valid: a bool"):
        Settings.from_env().options("quotes")
    monkeypatch.setenv("NEWSGRAPH_QUOTES_NESTED", "false")
    assert Settings.from_env().options("quotes") == {"nested": False, "speakers": "model"}
    assert Settings.from_env(options={"quotes": {"nested": True}}).options("quotes")["nested"] is True


def test_record_keeps_facts_of_an_extractor_not_installed_here():
    d = {"id": "x", "text": "Paris", "weather": [{"sky": "grey"}]}
    a = Article.from_dict(d)
    assert a.facts == {"weather": [{"sky": "grey"}]} and a.weather == [{"sky": "grey"}]
    assert a.to_dict()["weather"] == [{"sky": "grey"}]
    assert list(a.to_dict())[-1] == "weather"  # after the core fields


def test_registered_facts_round_trip_as_dataclasses():
    register(_ex("words"))
    try:
        a = Article(id="x", text="Hello world", facts={"words": [Word("world", (6, 11))]})
        back = Article.from_json(a.to_json())
        assert back.words == [Word("world", (6, 11))] and back == a
    finally:
        unregister("words")


@pytest.mark.model
def test_a_failing_extractor_is_a_coded_warning_and_the_others_still_run():
    import newsgraph

    def boom(doc, ctx):
        raise RuntimeError("bug in the extractor")

    register(_ex("broken", func=boom))
    register(_ex("after_broken", needs=("broken",)))
    register(_ex("words", needs=("entities",), func=lambda doc, ctx: [
        Word(t.text, (t.idx, t.idx + len(t))) for t in doc if t.text == "Paris"]))
    try:
        a = newsgraph.analyze('"We will win," Anne Hidalgo said in Paris on Monday.')
        assert [q.speaker.name for q in a.quotes] == ["Anne Hidalgo"]
        assert a.words == [Word("Paris", (36, 41))] and a.text[36:41] == "Paris"
        assert "[W302] extractor 'broken' failed on this article: RuntimeError: bug in the extractor" in a.warnings
        assert any(w.startswith("[W303] extractor 'after_broken' not run") for w in a.warnings)
        assert "broken" not in a.facts and a.stats["broken.failed"] == 1
    finally:
        for n in ("broken", "after_broken", "words"):
            unregister(n)


def test_one_list_of_types_for_every_layer():
    from newsgraph.extract.counts import LEXICON
    from newsgraph.extract.entities_build import TYPES

    assert tuple(LEXICON) == COUNT_TYPES
    assert set(TYPES.values()) <= set(ENTITY_TYPES)


def test_every_setting_and_option_is_documented():
    readme = (ROOT / "README.md").read_text()
    extractors_doc = (ROOT / "docs" / "extractors.md").read_text()
    for f in Settings.__dataclass_fields__:
        if f == "extractor_options":
            continue
        assert f in DOCUMENTED, f"setting {f!r} is not in settings.DOCUMENTED"
        assert f"NEWSGRAPH_{f.upper()}" in readme, f"NEWSGRAPH_{f.upper()} is not documented in the README"
    from newsgraph.web.options import WebOptions

    web_doc = (ROOT / "docs" / "web.md").read_text()
    for f in WebOptions.__dataclass_fields__:
        assert WebOptions.env_var(f) in web_doc, f"{WebOptions.env_var(f)} is not documented in docs/web.md"
    for ex in registered().values():
        for o in ex.options:
            assert o.doc, f"option {ex.name}.{o.name} has no doc"
            env = registry.option_env(ex.name, o.name)
            assert env in extractors_doc, f"{env} is not documented in docs/extractors.md"


def test_every_code_used_is_listed_and_documented():
    used = set()
    for path in (ROOT / "src" / "newsgraph").rglob("*.py"):
        used |= set(re.findall(r"""(?:coded\(|code=)\s*["']([EWR]\d{3})["']""", path.read_text()))
    assert used, "no codes found: the pattern is wrong"
    assert used <= set(CODES), f"undocumented codes: {sorted(used - set(CODES))}"
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from errors_doc import render
    finally:
        sys.path.pop(0)
    assert (ROOT / "docs" / "errors.md").read_text() == render(), \
        "docs/errors.md is stale: run python scripts/errors_doc.py"


# -- a real plug-in, installed with pip from its own package (tests/plugin) --------------

PLUGIN_SCRIPT = textwrap.dedent('''
    import json, sys, tempfile, pathlib
    import pyarrow.parquet as pq
    from fastapi.testclient import TestClient
    import newsgraph
    from newsgraph.store import Store
    from newsgraph.web.app import create_app

    text = ("The European Union pledged $2.5 billion to Ukraine on Monday, officials said. "
            "Britain added 50 million pounds.")
    a = newsgraph.analyze(text)
    out = {"money": a.to_dict()["money"]}
    tmp = pathlib.Path(sys.argv[1])
    url = f"sqlite:///{tmp / 'plug.db'}"
    with Store.open(url) as store:
        store.add(a)
        out["facts"] = store.facts("money", currency="gbp")
        store.export(tmp / "out")
    out["parquet"] = pq.read_table(tmp / "out" / "money.parquet").to_pylist()
    with TestClient(create_app(url, warm=False)) as client:
        out["api"] = client.get("/api/money", params={"currency": "USD"}).json()
        out["api_bad"] = client.get("/api/money", params={"colour": "red"}).status_code
        out["page"] = client.get(f"/articles/{a.id}").text
    print(json.dumps(out))
''')


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory):
    target = tmp_path_factory.mktemp("plugin-site")
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                        "--target", str(target), str(ROOT / "tests" / "plugin")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return target


def _run(plugin_path, *args, **kw):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(plugin_path), *sys.path])}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=600, **kw)


def test_plugin_is_listed_with_its_package_version_and_needs(plugin_path):
    r = _run(plugin_path, "-m", "newsgraph", "extractors", "--format", "json")
    assert r.returncode == 0, r.stderr
    money = next(e for e in json.loads(r.stdout) if e["name"] == "money")
    assert (money["package"], money["version"], money["needs"]) == ("newsgraph-money", "0.1.0", ["entities"])
    assert money["options"][0]["env"] == "NEWSGRAPH_MONEY_MIN_AMOUNT"


@pytest.mark.model
def test_plugin_facts_reach_record_store_api_export_and_page(plugin_path, tmp_path):
    r = _run(plugin_path, "-c", PLUGIN_SCRIPT, str(tmp_path))
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["money"] == [
        {"text": "$2.5 billion", "span": [27, 39], "amount": 2.5e9, "currency": "USD", "payer": "e1"},
        {"text": "50 million pounds", "span": [92, 109], "amount": 5e7, "currency": "GBP", "payer": "e3"},
    ]
    (row,) = out["facts"]
    assert (row["text"], row["span_start"], row["span_end"], row["seq"]) == ("50 million pounds", 92, 109, 1)
    assert row["payer"] == "e3" and isinstance(row["payer_id"], int)
    assert [r["currency"] for r in out["parquet"]] == ["USD", "GBP"]
    assert [r["amount"] for r in out["api"]] == [2.5e9]
    assert out["api_bad"] == 422
    assert 'class="fact fact-money kind-USD"' in out["page"] and "USD 2,500,000,000" in out["page"]
    assert 'data-extractor="money"' in out["page"]


@pytest.mark.model
def test_plugin_query_command_and_analyze_json(plugin_path, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The bank lent Greece €300 million last year, its director said.\n")
    r = _run(plugin_path, "-m", "newsgraph", "analyze", str(doc), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["money"][0]["currency"] == "EUR"
    db = f"sqlite:///{tmp_path / 'q.db'}"
    assert _run(plugin_path, "-m", "newsgraph", "ingest", str(doc), "--db", db).returncode == 0
    r = _run(plugin_path, "-m", "newsgraph", "money", "--currency", "eur", "--db", db, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert [x["amount"] for x in json.loads(r.stdout)] == [3e8]
