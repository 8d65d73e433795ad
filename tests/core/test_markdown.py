from coalesce.core.markdown import render


def test_markdown_is_rendered_and_scripts_are_removed():
    html = render(
        "**Bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=y>"
    )
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_links_keep_safe_schemes_and_get_noopener():
    html = render("[site](https://example.org)")
    assert 'href="https://example.org"' in html and "noopener" in html
