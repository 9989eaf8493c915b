"""The script that names ipywidgets' slider handles and Play buttons (checked in a real browser
by tests/browser; here: it only ever adds aria-label, and it is shown with the controls)."""

from reliefcycle import a11y


def test_script_only_adds_missing_labels():
    js = a11y.LABEL_CONTROLS_JS
    assert js.count("setAttribute(") == 2
    assert all(call.startswith('"aria-label"') for call in js.split("setAttribute(")[1:])
    assert ":not([aria-label])" in js


def test_label_controls_displays_javascript(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    a11y.label_controls()
    assert shown[0].data == a11y.LABEL_CONTROLS_JS
