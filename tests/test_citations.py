"""Citations: APA in-text text, generated reference lists, and checks over every notebook."""

import re
import subprocess
import sys

import pytest

from reliefcycle.core.citations import (
    Bibliography,
    CitationError,
    check_citations,
    find_citations,
    refresh_references,
)

from paths import FIXTURES, NOTEBOOKS, ROOT, SHARED, fixture_notebook, read

ONE = """@article{solo2010,
  author = {Solo, A. B.}, title = {One author}, journal = {J}, year = {2010}, doi = {10.1/x}}"""
ORG = """@misc{org2020,
  author = {{World Health Organization}}, title = {A page}, url = {https://example.org}}"""
SAME = """@article{kay2007b, author = {Kay, A.}, title = {Zebra}, year = {2007}, doi = {10.1/z}}
@article{kay2007a, author = {Kay, A.}, title = {Apple}, year = {2007}, doi = {10.1/a}}"""


def test_intext_forms_follow_apa(bib):
    b = Bibliography.from_string(ONE + "\n" + ORG)
    assert b.intext("solo2010") == "Solo, 2010"
    assert b.intext("solo2010", narrative=True) == "Solo (2010)"
    assert b.intext("org2020") == "World Health Organization, n.d."
    assert bib.intext("nock2004functional") == "Nock & Prinstein, 2004"
    assert bib.intext("nock2004functional", narrative=True) == "Nock and Prinstein (2004)"
    assert bib.intext("swannell2014prevalence") == "Swannell et al., 2014"
    assert bib.link("swannell2014prevalence") == (
        "[Swannell et al., 2014](#ref-swannell2014prevalence)")


def test_same_authors_and_year_get_letters_in_text_and_list():
    b = Bibliography.from_string(SAME)
    assert b.intext("kay2007a") == "Kay, 2007a"
    assert b.intext("kay2007b") == "Kay, 2007b"
    listed = dict(b.reference_list(["kay2007a", "kay2007b"]))
    assert "(2007a)" in listed["kay2007a"] and "(2007b)" in listed["kay2007b"]


def test_undated_works_by_one_author_get_letters_after_a_hyphen():
    b = Bibliography.from_string(ORG + "\n" + ORG.replace("org2020", "org2021").replace(
        "A page", "B page"))
    assert b.intext("org2021") == "World Health Organization, n.d.-b"
    assert "(n.d.-b)" in dict(b.reference_list(["org2021"]))["org2021"]


def test_reference_entries_are_apa_with_doi_link(bib):
    (key, text), = bib.reference_list(["nock2004functional"])
    assert key == "nock2004functional"
    assert text.startswith("Nock, M. K., & Prinstein, M. J. (2004).")
    assert "*Journal of Consulting and Clinical Psychology*" in text
    assert text.endswith("<https://doi.org/10.1037/0022-006X.72.5.885>")


def test_issue_without_volume_is_left_out():
    b = Bibliography.from_string(
        "@article{k2021, author = {K, A.}, title = {T}, journal = {J}, year = {2021}, number = {8},"
        " doi = {10.1/k}}")
    (_, text), = b.reference_list(["k2021"])
    assert "(8)" not in text and "*J*." in text


def test_unknown_key_names_the_key():
    with pytest.raises(CitationError, match="unknown citation key 'nobody'"):
        Bibliography.from_string(ONE).intext("nobody")


def test_malformed_entry_names_the_key_and_line():
    with pytest.raises(CitationError, match=r"malformed entry 'broken2020entry' starting on line"):
        Bibliography.from_file(FIXTURES / "malformed.bib")


@pytest.mark.parametrize("entry, problem", [
    ("@article{nodoi, author = {A, B.}, title = {T}, year = {2000}}", "neither a doi nor a url"),
    ("@article{noauthor, title = {T}, year = {2000}, doi = {10.1/x}}", "has no author"),
    ("@article{badyear, author = {A, B.}, title = {T}, year = {20x0}, doi = {10.1/x}}",
     "has year '20x0'"),
    ("@article{badname, author = {Just One Name}, title = {T}, doi = {10.1/x}}",
     "must be written 'Family, Given'"),
    (ONE + "\n" + ONE, "Duplicate entry key 'solo2010'"),
])
def test_bad_entries_are_named(entry, problem):
    with pytest.raises(CitationError, match=re.escape(problem)):
        Bibliography.from_string(entry)


def test_unknown_key_in_notebook_names_key_notebook_and_cell():
    nb = fixture_notebook("unknown_citation.ipynb")
    fixture_bib = Bibliography.from_file(FIXTURES / "fixture.bib")
    problems = check_citations(nb, fixture_bib, "unknown_citation.ipynb")
    assert problems == ["unknown_citation.ipynb, cell 3: unknown citation key 'nobody1999missing' "
                        "(not in fixture.bib)"]
    before = [c.source for c in nb.cells]
    with pytest.raises(CitationError, match="nobody1999missing"):
        refresh_references(nb, fixture_bib, "unknown_citation.ipynb")
    assert [c.source for c in nb.cells] == before  # nothing lost


def test_wrong_link_text_is_reported():
    nb = fixture_notebook("wrong_citation_text.ipynb")
    problems = check_citations(nb, Bibliography.from_file(FIXTURES / "fixture.bib"), "w")
    assert len(problems) == 1 and "APA wants 'Nock & Prinstein, 2004'" in problems[0]


def test_command_refuses_to_write_when_a_key_is_unknown(tmp_path):
    target = tmp_path / "01_fixture.ipynb"
    target.write_bytes((FIXTURES / "unknown_citation.ipynb").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "reliefcycle.publish.cli", "references", str(tmp_path),
         "--bib", str(FIXTURES / "fixture.bib")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "01_fixture.ipynb, cell 3: unknown citation key 'nobody1999missing'" in result.stderr
    assert target.read_bytes() == (FIXTURES / "unknown_citation.ipynb").read_bytes()


# --- the series ---------------------------------------------------------------------------------

def test_every_citation_resolves_and_matches_its_entry(notebook, bib):
    path, nb = notebook
    assert check_citations(nb, bib, path.name) == []


def test_references_cell_is_what_the_command_writes(notebook, bib):
    path, nb = notebook
    current = [c.source for c in nb.cells]
    refresh_references(nb, bib, path.name)
    assert [c.source for c in nb.cells] == current, "run `make references`"


def test_every_bib_entry_is_cited_somewhere(bib):
    cited = {c.key for p in NOTEBOOKS for c in find_citations(read(p))}
    assert set(bib.entries) - cited == set()


def test_every_entry_has_doi_or_url(bib):
    assert all(e.fields.get("doi") or e.fields.get("url") for e in bib.entries.values())


def test_reference_anchors_exist_for_each_citation(notebook):
    path, nb = notebook
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for c in find_citations(nb, path.name):
        assert f'<a id="ref-{c.key}"></a>' in text


@pytest.mark.skipif(not (SHARED / "literature" / "vetted.bib").exists(),
                    reason="../shared/literature/vetted.bib is not present on this machine")
def test_entries_match_the_vetted_bibliography(bib):
    vetted = (SHARED / "literature" / "vetted.bib").read_text(encoding="utf-8")
    own = (ROOT / "references.bib").read_text(encoding="utf-8")
    for key in bib.entries:
        block = re.search(r"@\w+\{" + re.escape(key) + r",.*?\n\}", own, re.S).group(0)
        if block in vetted:
            continue
        assert re.search(r"note\s*=\s*\{[^}]*[Vv]erified", block), (
            f"references.bib: '{key}' differs from vetted.bib and says nowhere how it was verified")


def test_letters_depend_only_on_what_a_notebook_cites():
    import nbformat

    b = Bibliography.from_string(SAME)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "A claim ([Kay, 2007](#ref-kay2007a)).")])
    assert check_citations(nb, b, "n") == []  # kay2007b exists but is not cited here
    nb.cells[0].source += " Another ([Kay, 2007](#ref-kay2007b))."
    assert len(check_citations(nb, b, "n")) == 2  # now both need their letters


def test_question_mark_titles_lose_the_extra_full_stop():
    b = Bibliography.from_string(
        "@article{q2014, author = {Q, A.}, title = {Does asking hurt?}, journal = {J},"
        " year = {2014}, volume = {1}, doi = {10.1/q}}")
    assert "hurt? *J*" in b.reference_list(["q2014"])[0][1]


def test_incomplete_author_list_is_marked_in_the_reference():
    b = Bibliography.from_string("@article{m2014, author = {Mehlum, Lars and others}, title = {T},"
                                 " journal = {J}, year = {2014}, volume = {1}, doi = {10.1/m}}")
    assert b.intext("m2014") == "Mehlum et al., 2014"
    assert b.reference_list(["m2014"])[0][1].startswith("Mehlum, L., et al. (2014).")
