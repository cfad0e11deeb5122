"""QR codes, the one place they are made: SVG for pages (sharp at any size, nothing to fetch) and PNG
for emails (mail clients do not show SVG)."""

import io

import qrcode
import qrcode.image.svg


def qr_svg(data):
    """An inline <svg> element encoding `data`."""
    buffer = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def qr_png(data):
    """PNG bytes encoding `data`."""
    buffer = io.BytesIO()
    qrcode.make(data, box_size=8, border=2).save(buffer, format="PNG")
    return buffer.getvalue()
