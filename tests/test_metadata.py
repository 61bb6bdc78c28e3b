"""Every page's machine-readable metadata: schema.org JSON-LD and Open Graph from the
data, the sitemap's language alternates, with relative URLs in a plain build and
absolute ones when the deployment sets SITE_URL."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from repo import PUB, ROOT

from publication.model import edition
from publication.outputs.build import mkdocs_build

SITE_URL = "https://publicatie.example/samen-tegen-mensenhandel/"


def pages_of(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if "assets" not in p.parts and "search" not in p.parts
    )


def head(site: Path, rel: str) -> tuple[dict, dict, str]:
    root = lxml_html.parse(str(site / rel)).getroot()
    scripts = root.xpath('//script[@type="application/ld+json"]')
    assert len(scripts) == 1, rel
    og = {}
    for m in root.xpath("//meta[@property]"):
        og.setdefault(m.get("property"), []).append(m.get("content"))
    return json.loads(scripts[0].text), og, root.get("lang")


def url_path(rel: str) -> str:
    return rel[: -len("index.html")]


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-url")
    assert mkdocs_build(out, ROOT / "mkdocs.yml", env={"SITE_URL": SITE_URL}) == []
    return out


def test_every_page_carries_json_ld_naming_its_language_and_counterpart(site):
    names = pages_of(site)
    assert len(names) == 16
    day = edition.date(ROOT).isoformat()
    for rel in names:
        data, og, lang = head(site, rel)
        assert data["@context"] == "https://schema.org" and data["inLanguage"] == lang
        assert data["datePublished"] == data["dateModified"] == day
        assert data["publisher"]["name"] and data["name"] and data["description"]
        here = url_path(rel)
        if lang == "en":
            target = posixpath.normpath(posixpath.join(here, data["translationOfWork"]["@id"])) + "/"
            assert data["translationOfWork"]["inLanguage"] == "nl"
            assert target.lstrip("./") + "index.html" == rel.removeprefix("en/"), rel
        else:
            (translation,) = data["workTranslation"]
            target = posixpath.normpath(posixpath.join(here, translation["@id"])) + "/"
            assert target.lstrip("./") + "index.html" == "en/" + rel, rel
        assert og["og:locale"] == [{"nl": "nl_NL", "en": "en_GB"}[lang]]
        # a home page is shared as the publication (its page title is "About this publication")
        title = data["isPartOf"]["name"] if rel in ("index.html", "en/index.html") else data["name"]
        assert og["og:title"] == [title] and og["og:description"] == [data["description"]]


def test_the_section_is_a_work_based_on_the_kamerstuk(site):
    doc = PUB.bib.document
    for rel in ("daderaanpak/index.html", "en/daderaanpak/index.html"):
        data, og, _ = head(site, rel)
        assert data["@type"] == "CreativeWork" and og["og:type"] == ["article"]
        based = data["isBasedOn"]
        assert based["url"] == doc.url == "https://zoek.officielebekendmakingen.nl/kst-28638-233.html"
        assert based["identifier"] == "Kamerstukken II 2023/24, 28 638, nr. 233"
        assert based["datePublished"] == "2023-10-18" and based["inLanguage"] == "nl"
    data, og, _ = head(site, "references/index.html")
    assert data["@type"] == "WebPage" and "isBasedOn" not in data and og["og:type"] == ["website"]


def test_with_the_sites_address_every_url_is_absolute(site_with_url):
    for rel in pages_of(site_with_url):
        data, og, lang = head(site_with_url, rel)
        assert data["@id"] == data["url"] == SITE_URL + url_path(rel) == og["og:url"][0]
        other = data.get("translationOfWork") or data["workTranslation"][0]
        assert other["@id"].startswith(SITE_URL)
        counterpart = other["@id"][len(SITE_URL) :] + "index.html"
        assert (site_with_url / counterpart).is_file()


def test_the_sitemap_lists_each_page_with_its_language_alternates(site_with_url):
    text = (site_with_url / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", text, re.S)
    assert len(urls) == 16  # eight pages in two languages
    for url in urls:
        loc = re.search(r"<loc>([^<]+)</loc>", url)[1]
        alternates = dict(re.findall(r'hreflang="([a-z]+)" href="([^"]+)"', url))
        lang = "en" if loc.startswith(SITE_URL + "en/") else "nl"
        assert set(alternates) == {"nl", "en"} and alternates[lang] == loc
        for href in alternates.values():
            assert href.startswith(SITE_URL)
            assert (site_with_url / href[len(SITE_URL) :] / "index.html").is_file(), href
