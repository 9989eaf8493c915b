"""The script that names ipywidgets' slider handles and Play buttons (checked in a real browser
by tests/browser; here: it only ever adds aria-label, and it is shown with the controls)."""

from reliefcycle.core import a11y


def test_script_only_adds_missing_labels_and_the_shortcut_switch():
    js = a11y.LABEL_CONTROLS_JS
    calls = [call.split(",")[0] for call in js.split("setAttribute(")[1:]]
    assert sorted(calls) == ['"aria-label"', '"aria-label"', '"data-lm-suppress-shortcuts"']
    assert ":not([aria-label])" in js and ":not([data-lm-suppress-shortcuts])" in js


def test_label_controls_displays_javascript_without_a_plain_text_form(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw: shown.append((obj, raw)))
    a11y.label_controls()
    assert shown == [({"application/javascript": a11y.LABEL_CONTROLS_JS}, True)]
