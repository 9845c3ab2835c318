"""Web addresses in user text and error messages show as code, never as links: Streamlit's
markdown turns a bare address into a link even when each of its characters is escaped."""

from zentrik_ui.formatting import escape_markdown


def test_an_unreachable_server_address_is_code_and_the_sentence_stays_escaped() -> None:
    message = "Could not reach the Zentrik server at http://127.0.0.1:40039: nothing is listening."
    assert escape_markdown(message) == (
        r"Could not reach the Zentrik server at `http://127.0.0.1:40039`\: nothing is listening\."
    )


def test_addresses_in_brackets_or_without_a_scheme_are_code_too() -> None:
    assert escape_markdown("see (https://x.io/a_b?q=1) or www.acme.com, **now**") == (
        r"see \(`https://x.io/a_b?q=1`\) or `www.acme.com`, \*\*now\*\*"
    )


def test_text_without_addresses_is_escaped_as_before() -> None:
    assert escape_markdown("127.0.0.1 is **home**") == r"127\.0\.0\.1 is \*\*home\*\*"
