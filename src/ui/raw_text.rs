//! Text inside a `<textarea>`. Leptos writes the children of raw-text elements (`textarea`,
//! `script`, `style`, `noscript`) into server-rendered HTML without escaping, so a description
//! holding `</textarea><img onerror=…>` would close the element and run as markup. On the server
//! the text is escaped for that context (the browser decodes it back); in the browser, where the
//! child becomes a text node and is never parsed, it stays as it is. Hydration leaves the
//! children of these elements alone, so both agree.

/// The `<textarea>` child that shows exactly `text`.
pub fn textarea_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape_for_raw_text(text)
    } else {
        text.to_owned()
    }
}

/// `&` and `<` as character references: within RCDATA, nothing else can end the element.
fn escape_for_raw_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape_for_raw_text;

    #[test]
    fn a_closing_tag_cannot_end_the_textarea() {
        assert_eq!(
            escape_for_raw_text("</textarea><img src=x onerror=alert(1)> & more"),
            "&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt; &amp; more"
        );
        assert_eq!(escape_for_raw_text("plain text"), "plain text");
    }
}
