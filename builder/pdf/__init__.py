"""What every PDF writer shares: rendering HTML with WeasyPrint (render), preparing the booklet's HTML
for print (print_html) and its pictures (print_images), the PDF/UA tagging fixes (tags), saddle-stitch
imposition onto A4 sheets (imposition), and finding where each printed page begins (page_starts)."""

# The process (its pid) that leaves with os._exit, without the interpreter's teardown (builder.cli.run):
# there render.render_pdf keeps the document it rendered last instead of freeing it.
leaves_without_teardown: int | None = None
