"""The public consultation pages and the staff pages, through the test client."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from core import clock
from participation import selectors, services
from participation.models import Comment, Vote
from tests.factories.organisations import MunicipalityFactory, StaffFactory
from tests.factories.participation import (
    CommentFactory,
    ConsultationFactory,
    PollOptionFactory,
    SectionFactory,
    ThemeFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db


def detail_url(consultation):
    return reverse("participation:detail", args=[consultation.pk])


def post_comment(client, section, text, **extra):
    prefix = f"s{section.pk}-"
    data = {prefix + "text": text, prefix + "language": "fi"}
    data.update({prefix + k: v for k, v in extra.items()})
    return client.post(reverse("participation:comment", args=[section.pk]), data)


def test_a_visitor_comments_and_sees_markup_as_text(client):
    section = SectionFactory()
    response = post_comment(client, section, "<script>alert(1)</script><b>Lisää</b> penkkejä & <3")
    assert response.status_code == 302
    saved = Comment.objects.get()
    assert saved.text == "Lisää penkkejä & <3"
    page = client.get(detail_url(section.consultation)).content.decode()
    assert "Lisää penkkejä &amp; &lt;3" in page
    assert "<script>alert" not in page


def test_bad_comments_are_shown_next_to_the_field_and_nothing_is_saved(client):
    section = SectionFactory()
    response = post_comment(client, section, "", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Kirjoita kommentti." in response.content.decode()
    closed = SectionFactory(
        consultation__opens_at=clock.now() - datetime.timedelta(days=3),
        consultation__closes_at=clock.now() - datetime.timedelta(days=1),
    )
    response = post_comment(client, closed, "Myöhässä")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_voting_twice_says_so(client):
    comment = CommentFactory()
    url = reverse("participation:vote", args=[comment.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "Olet jo kannattanut tätä kommenttia." in response.content.decode()
    assert Vote.objects.count() == 1


def test_a_hidden_comment_shows_its_reason_in_place(client):
    comment = CommentFactory(text="Salainen solvaus")
    services.comment_hide(actor=StaffFactory(), comment=comment, reason="Asiaton kielenkäyttö")
    page = client.get(detail_url(comment.section.consultation)).content.decode()
    assert "Asiaton kielenkäyttö" in page
    assert "Salainen solvaus" not in page


def test_an_unpublished_consultation_answers_404(client):
    consultation = ConsultationFactory(is_published=False)
    assert client.get(detail_url(consultation)).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(consultation, n):
    municipality = MunicipalityFactory()
    for _ in range(n):
        section = SectionFactory(consultation=consultation)
        parent = CommentFactory(section=section, municipality=municipality)
        CommentFactory(section=section, parent=parent)
        PollOptionFactory(poll__section=section)
        workshop = WorkshopFactory(consultation=consultation, municipality=municipality)
        CommentFactory(section=section, workshop=workshop)


@pytest.mark.parametrize("name", ["participation:detail", "participation:results"])
def test_public_pages_query_counts_are_constant(client, name):
    consultation = ConsultationFactory()
    url = reverse(name, args=[consultation.pk])
    _grow(consultation, 1)
    client.get(url)  # the session and caches settle
    few = _queries(client, url)
    _grow(consultation, 4)
    assert _queries(client, url) == few


def test_the_list_query_count_is_constant(client):
    url = reverse("participation:list")
    ConsultationFactory()
    client.get(url)
    few = _queries(client, url)
    for _ in range(5):
        ConsultationFactory()
    assert _queries(client, url) == few


def test_moderation_query_count_is_constant(client):
    client.force_login(StaffFactory())
    consultation = ConsultationFactory()
    url = reverse("participation:moderation", args=[consultation.pk])
    _grow(consultation, 1)
    client.get(url)
    few = _queries(client, url)
    _grow(consultation, 4)
    assert _queries(client, url) == few


def test_results_and_theme_counts_name_municipalities_in_the_pages_language(client):
    consultation = ConsultationFactory()
    pori = MunicipalityFactory()  # Pori, in Swedish Björneborg
    workshop = WorkshopFactory(consultation=consultation, municipality=pori, place="Kirjasto")
    comment = CommentFactory(
        section=SectionFactory(consultation=consultation), municipality=pori, workshop=workshop
    )
    ThemeFactory(consultation=consultation).comments.add(comment)
    for language, name in (("sv", "Björneborg"), ("fi", "Pori")):
        with translation.override(language):
            url = reverse("participation:results", args=[consultation.pk])
            themes = selectors.theme_counts(consultation)["themes"]
        response = client.get(url)
        assert [r["municipality_name"] for r in response.context["by_municipality"]] == [name]
        assert [r["municipality_name"] for r in response.context["by_workshop"]] == [name]
        assert f'<th scope="row">{name}</th>' in response.content.decode()
        assert themes[0].by_municipality == [(name, 1)]


def test_results_count_by_section_municipality_and_workshop(client):
    consultation = ConsultationFactory()
    a = SectionFactory(consultation=consultation, title_fi="Tilat")
    b = SectionFactory(consultation=consultation, title_fi="Viestintä")
    rauma = MunicipalityFactory(code="684", name_fi="Rauma")
    workshop = WorkshopFactory(
        consultation=consultation, place="Rauman kirjasto", municipality=rauma
    )
    CommentFactory.create_batch(3, section=a, workshop=workshop, municipality=rauma)
    CommentFactory(section=b)
    hidden = CommentFactory(section=b)
    services.comment_hide(actor=StaffFactory(), comment=hidden, reason="Roskaa")
    option = PollOptionFactory(poll__section=a, text_fi="Iltaisin")
    services.poll_answer(actor=None, session_key="x", poll=option.poll, option_ids=[option.pk])
    response = client.get(reverse("participation:results", args=[consultation.pk]))
    context = response.context
    assert context["total"] == 4
    assert [(s.title_fi, n) for s, n in context["by_section"]] == [("Tilat", 3), ("Viestintä", 1)]
    assert [(r["municipality_name"], r["count"]) for r in context["by_municipality"]] == [
        ("Rauma", 3),
        (None, 1),
    ]
    assert [(r["workshop__place"], r["count"]) for r in context["by_workshop"]] == [
        ("Rauman kirjasto", 3)
    ]
    assert "Iltaisin" in response.content.decode()


def test_staff_record_a_workshop_and_import_with_a_dry_run(client):
    client.force_login(StaffFactory())
    consultation = ConsultationFactory()
    SectionFactory(consultation=consultation, order=1)
    pori = MunicipalityFactory()
    response = client.post(
        reverse("participation:workshop_create", args=[consultation.pk]),
        {
            "place": "Porin kirjasto",
            "municipality": pori.pk,
            "held_on": "2026-03-10",
            "participants": "0",
        },
    )
    assert response.status_code == 400
    response = client.post(
        reverse("participation:workshop_create", args=[consultation.pk]),
        {
            "place": "Porin kirjasto",
            "municipality": pori.pk,
            "held_on": "2026-03-10",
            "participants": "9",
        },
    )
    workshop = consultation.workshops.get()
    url = reverse("participation:workshop_import", args=[workshop.pk])
    assert response.url == url

    def upload(text):
        return SimpleUploadedFile("k.csv", text.encode())

    bad = "osio;kommentti\n1;Hyvä\n7;Huono osio\n"
    response = client.post(url, {"file": upload(bad), "dry_run": "on"})
    assert response.status_code == 400
    assert "Kuulemisessa ei ole osiota ”7”." in response.content.decode()
    response = client.post(url, {"file": upload(bad)})
    assert response.status_code == 400
    assert not Comment.objects.exists()
    good = "osio;kommentti\n1;Hyvä\n1;Toinen\n"
    response = client.post(url, {"file": upload(good), "dry_run": "on"})
    assert response.status_code == 200 and not Comment.objects.exists()
    response = client.post(url, {"file": upload(good)})
    assert response.status_code == 302
    assert set(Comment.objects.values_list("workshop", flat=True)) == {workshop.pk}
    assert Comment.objects.count() == 2


def test_staff_hide_with_a_reason_pin_and_close(client):
    client.force_login(StaffFactory())
    comment = CommentFactory()
    response = client.post(
        reverse("participation:hide", args=[comment.pk]), {"reason": ""}, follow=True
    )
    assert "Kerro piilottamisen syy" in response.content.decode()
    client.post(reverse("participation:pin", args=[comment.pk]), {"pinned": "1"})
    comment.refresh_from_db()
    assert comment.is_pinned
    client.post(reverse("participation:hide", args=[comment.pk]), {"reason": "Asiaton"})
    comment.refresh_from_db()
    assert comment.hidden_reason == "Asiaton" and not comment.is_pinned
    consultation = comment.section.consultation
    client.post(reverse("participation:close", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.is_closed


def test_a_reply_from_the_reply_form(client):
    parent = CommentFactory()
    section = parent.section
    page = client.get(detail_url(section.consultation)).content.decode()
    assert f'name="s{section.pk}-parent" value="{parent.pk}"' in page
    response = post_comment(client, section, "Samaa mieltä", parent=parent.pk)
    assert response.status_code == 302
    assert Comment.objects.get(text="Samaa mieltä").parent == parent
    response = post_comment(client, section, "Harhaan", parent=999999)
    assert response.status_code == 400
    assert not Comment.objects.filter(text="Harhaan").exists()


def test_the_moderation_page_lists_only_reported_comments(client):
    client.force_login(StaffFactory())
    reported = CommentFactory(text="Ilmoitettu kommentti")
    CommentFactory(section=reported.section, text="Tavallinen kommentti")
    services.comment_flag(actor=None, session_key="a", comment=reported)
    services.comment_flag(actor=None, session_key="b", comment=reported)
    response = client.get(
        reverse("participation:moderation", args=[reported.section.consultation_id])
    )
    assert [(c.text, c.open_flags) for c in response.context["flagged"]] == [
        ("Ilmoitettu kommentti", 2)
    ]


def test_finnish_fallbacks_are_marked_on_a_swedish_page(client):
    section = SectionFactory(
        consultation__title_sv="Resurscentrets lokaler", title_fi="Aukioloajat", body_fi="Auki"
    )
    PollOptionFactory(poll__section=section, text_fi="Iltaisin", text_sv="Kvällar")
    with translation.override("sv"):
        url = detail_url(section.consultation)
    page = client.get(url).content.decode()
    assert "<h1>Resurscentrets lokaler</h1>" in page
    assert '<span lang="fi">Aukioloajat</span>' in page
    assert '<div lang="fi"><p>Auki</p></div>' in page
    assert ">Kvällar</label>" in page
