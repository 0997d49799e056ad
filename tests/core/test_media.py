"""Public uploads: images in the public folders only, typed by their content."""

import pytest

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "rooms").mkdir()
    (tmp_path / "reports" / "facilities").mkdir(parents=True)
    return tmp_path


def test_a_room_photo_is_served_as_the_image_it_is(client, media):
    (media / "rooms" / "sali.jpg").write_bytes(PNG)  # the name says JPEG, the bytes PNG
    response = client.get("/media/rooms/sali.jpg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PNG


def test_html_named_as_an_image_is_not_served(client, media):
    (media / "rooms" / "kuva.png").write_bytes(b"<html><script>alert(1)</script></html>")
    assert client.get("/media/rooms/kuva.png").status_code == 404


def test_private_folders_are_not_served(client, media):
    (media / "reports" / "facilities" / "statement.pdf").write_bytes(b"%PDF-1.7")
    (media / "reports" / "facilities" / "chart.png").write_bytes(PNG)
    assert client.get("/media/reports/facilities/statement.pdf").status_code == 404
    assert client.get("/media/reports/facilities/chart.png").status_code == 404


def test_no_way_out_of_the_media_folder(client, media):
    (media.parent / "secret.png").write_bytes(PNG)
    assert client.get("/media/rooms/../../secret.png").status_code == 404
    assert client.get("/media/rooms/%2e%2e/%2e%2e/secret.png").status_code == 404
    assert client.get("/media/rooms/missing.png").status_code == 404


def test_only_reading(client, media):
    (media / "rooms" / "a.png").write_bytes(PNG)
    assert client.post("/media/rooms/a.png").status_code == 405
