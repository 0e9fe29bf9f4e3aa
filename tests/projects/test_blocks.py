"""Write-up blocks keep images described and headings in order."""

from django.core.exceptions import ValidationError

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest

from projects.blocks import ImageBlock, SectionBlock


@pytest.fixture
def image(db):
    return Image.objects.create(title="Clinic letter", file=get_test_image_file())


def test_an_image_needs_alternative_text_unless_marked_decorative(image):
    block = ImageBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    assert "Describe the image" in str(error.value.block_errors["alt_text"])
    described = block.clean(block.to_python({"image": image.pk, "alt_text": "A letter"}))
    assert described["alt_text"] == "A letter"
    decorative = block.clean(block.to_python({"image": image.pk, "decorative": True}))
    assert decorative["decorative"] is True


def test_decorative_images_are_hidden_from_screen_readers(image):
    block = ImageBlock()
    html = block.render(block.to_python({"image": image.pk, "decorative": True, "alt_text": ""}))
    assert 'alt=""' in html
    html = block.render(block.to_python({"image": image.pk, "alt_text": "A kinder letter"}))
    assert 'alt="A kinder letter"' in html


def test_section_headings_sit_under_the_page_title_and_subheadings_under_them():
    block = SectionBlock()
    features = block.child_blocks["body"].features
    assert "h2" not in features and "h1" not in features
    assert {"h3", "h4"} <= set(features)
    html = block.render(block.to_python({"heading": "What we did", "body": "<p>Text</p>"}))
    assert "<h2" in html and "What we did" in html
