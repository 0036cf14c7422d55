from pathlib import Path

import pytest

from tests.site import build_site

CATALOG = (
    Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
)


def _entries(text: str):
    """(msgid, [msgstr…], fuzzy) for each entry of a .po file, header excluded."""
    entries, msgid, msgstrs, fuzzy, current = [], None, [], False, None
    for line in text.splitlines() + [""]:
        if not line.strip():
            if msgid:
                entries.append((msgid, msgstrs, fuzzy))
            msgid, msgstrs, fuzzy, current = None, [], False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, current = line[6:].strip('"'), "id"
        elif line.startswith("msgstr"):
            msgstrs.append(line.split(" ", 1)[1].strip('"'))
            current = "str"
        elif line.startswith('"') and current == "id":
            msgid += line.strip('"')
        elif line.startswith('"') and current == "str":
            msgstrs[-1] += line.strip('"')
    return entries


def test_every_string_has_a_chinese_translation():
    entries = _entries(CATALOG.read_text(encoding="utf-8"))
    assert len(entries) > 100
    missing = [msgid for msgid, msgstrs, fuzzy in entries if fuzzy or not all(msgstrs)]
    assert missing == []


@pytest.mark.django_db
def test_chinese_by_default_and_english_under_en(client, world):
    build_site()
    chinese = client.get("/")
    assert chinese.status_code == 200
    assert 'lang="zh-Hans"' in chinese.text and "需求" in chinese.text
    english = client.get("/en/")
    assert english.status_code == 200
    assert 'lang="en"' in english.text and "Demands" in english.text
    assert client.get("/en/demands/").context["LANGUAGE_CODE"] == "en"


@pytest.mark.django_db
def test_elder_mode_is_remembered(client):
    response = client.post("/elder-mode/", {"elder": "1", "next": "/demands/"})
    assert response.status_code == 302 and response["Location"] == "/demands/"
    assert 'class="elder"' in client.get("/demands/").text
    client.post("/elder-mode/", {"elder": "0", "next": "/demands/"})
    assert 'class="elder"' not in client.get("/demands/").text


@pytest.mark.django_db
def test_elder_mode_refuses_to_redirect_off_site(client):
    response = client.post("/elder-mode/", {"elder": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"
