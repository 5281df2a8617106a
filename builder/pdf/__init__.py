"""What every PDF writer shares: rendering HTML with WeasyPrint (render), preparing the booklet's HTML
for print (print_html) and its pictures (print_images), the PDF/UA tagging fixes (tags), saddle-stitch
imposition onto A4 sheets (imposition), and finding where each printed page begins (page_starts)."""
