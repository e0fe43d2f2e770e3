"""The article section: articles, readers' ratings, moderated comments and sharing."""
