"""The one StreamField block library every page type shares; one template per block."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class NoticeBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "link", "ol", "ul"])

    class Meta:
        template = "blocks/notice_block.html"
        icon = "warning"
        label = _("Notice")


class GuideStepBlock(blocks.StructBlock):
    """A step of a service guide (办事指南): what to bring, where to go."""

    title = blocks.CharBlock(label=_("step"))
    detail = blocks.TextBlock(label=_("detail"))

    class Meta:
        template = "blocks/guide_step_block.html"
        icon = "list-ol"
        label = _("Guide step")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), template="blocks/paragraph_block.html")
    image = ImageBlock(label=_("Image"), template="blocks/image_block.html")
    notice = NoticeBlock()
    guide_step = GuideStepBlock()
    document = DocumentChooserBlock(label=_("Document"), template="blocks/document_block.html")
