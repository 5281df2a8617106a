"""The booklet's writers: the web page (html), the A5 and large-print PDFs (pdf), the A4 sheets that
fold into the A5 booklet (a4), and the guides as stand-alone leaflets (leaflets)."""
