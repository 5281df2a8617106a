"""coursebuild: Markdown training material to Moodle, booklet and slides."""
