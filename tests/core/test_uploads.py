"""Public images: typed by their first bytes and limited in size, on every path that
saves them (the model field's validator runs in forms, the admin and full_clean)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories.facilities import RoomFactory

pytestmark = pytest.mark.django_db


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#00507a").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_real_image_is_accepted(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    room = RoomFactory()
    room.photo = SimpleUploadedFile("sali.png", png_bytes(), content_type="image/png")
    room.photo_alt_fi = "Sali ja tuolirivit"
    room.full_clean()
    room.save()
    room.full_clean()  # a stored photo is not checked again


def test_html_named_as_an_image_is_refused_with_a_message():
    room = RoomFactory()
    room.photo = SimpleUploadedFile("kuva.png", b"<svg onload=alert(1)>", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        room.full_clean()
    assert "PNG-, JPEG-, GIF- tai WebP" in str(error.value)  # in Finnish, the default


def test_a_too_large_image_is_refused(settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 100
    room = RoomFactory()
    room.photo = SimpleUploadedFile("iso.png", png_bytes((64, 64)), content_type="image/png")
    with pytest.raises(ValidationError) as error:
        room.full_clean()
    assert "photo" in error.value.message_dict
