"""Article Markdown is rendered through an allow-list."""

from storefront.content.rendering import render_markdown


def test_markdown_headings_lists_and_emphasis_render():
    html = render_markdown("## Findings\n\n- one *two*\n- three")
    assert "<h2>Findings</h2>" in html
    assert "<li>one <em>two</em></li>" in html


def test_script_and_event_handlers_are_removed():
    html = render_markdown('Hi <script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html and "onerror" not in html and "<img" not in html


def test_javascript_links_lose_their_href_and_links_get_noopener():
    html = render_markdown("[bad](javascript:alert(1)) [good](https://example.org)")
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html and "noopener" in html
