"""StreamField blocks for project write-ups."""

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class SectionBlock(blocks.StructBlock):
    """A titled section of the write-up; the heading becomes a level-2 heading on the page."""

    heading = blocks.CharBlock(
        max_length=120,
        help_text="A short heading for this part of the write-up, like 'What we did'.",
    )
    body = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
        help_text="Write in plain language. Use the sub-heading buttons (H3, H4) for parts within this section.",
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/section_block.html"
        help_text = "A part of the write-up with its own heading."


class QuoteBlock(blocks.StructBlock):
    """A quotation, for example from a participant, with an optional attribution."""

    quote = blocks.TextBlock(
        help_text="The words quoted. Make sure the person agreed to be quoted."
    )
    attribution = blocks.CharBlock(
        required=False,
        max_length=150,
        help_text="Optional. Who said it, described so they cannot be identified (e.g. 'A parent in Kirklees').",
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        help_text = "A quotation shown set apart from the text."


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text screen-reader users hear, and an optional caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it. Leave empty only if "
        "the image is decorative and tick the box below.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick if the image adds nothing that the text does not already say.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        help_text = "An image. Every image needs alternative text unless it is decorative."

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("alt_text") and not cleaned.get("decorative"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Describe the image, or tick 'decorative' if it adds nothing to the text."
                    )
                }
            )
        return cleaned


class RecordingBlock(blocks.StructBlock):
    """An embedded recording, such as a Knowledge Exchange talk."""

    title = blocks.CharBlock(
        max_length=200,
        help_text="What the recording is, e.g. 'Talk at the 2024 Knowledge Exchange'.",
    )
    embed = EmbedBlock(
        help_text="The address of the recording (for example a YouTube or Vimeo link)."
    )
    transcript = blocks.TextBlock(
        required=False, help_text="Optional. A transcript or summary of the recording."
    )

    class Meta:
        icon = "media"
        template = "blocks/recording_block.html"
        help_text = "An embedded video or audio recording."


class DocumentBlock(blocks.StructBlock):
    """A downloadable document, such as slides or a report."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        max_length=200, required=False, help_text="Optional. Defaults to the document's title."
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/document_block.html"
        help_text = "A document to download, such as slides or a report."


class WriteUpBlock(blocks.StreamBlock):
    """The blocks a fellow can use in a project write-up."""

    section = SectionBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    recording = RecordingBlock()
    document = DocumentBlock()
