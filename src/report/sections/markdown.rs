//! Evidence notes are written in Markdown; the report prints them as clean text: emphasis
//! and code marks dropped, list items as bullets on their own lines, a link as its text with
//! the address after it. It never prints `**OPS-1234**` raw, and renders no HTML.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The text of a Markdown note with its structure kept as lines and bullets.
pub fn plain(markdown: &str) -> String {
    let mut out = String::new();
    // Ordered lists count from their start; `None` for bullet lists.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut link_text = String::new();
    let new_line = |out: &mut String| {
        let trimmed = out.trim_end_matches(' ').len();
        out.truncate(trimmed);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::List(start)) => {
                new_line(&mut out);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                new_line(&mut out);
            }
            Event::Start(Tag::Item) => {
                new_line(&mut out);
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            // A list item's first paragraph stays on the bullet's line.
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_))
                if !out.ends_with("• ") && !out.ends_with(". ") =>
            {
                new_line(&mut out);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                new_line(&mut out);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string());
                link_text.clear();
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop()
                    && link_text.trim() != url
                    && !url.is_empty()
                {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if !links.is_empty() {
                    link_text.push_str(&text);
                }
                out.push_str(&text);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => new_line(&mut out),
            Event::Html(html) | Event::InlineHtml(html) => out.push_str(&html),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn marks_are_dropped_and_structure_kept() {
        let md = "Ticket **OPS-1234** closed, see [the runbook](https://wiki.example.com/rb).\n\n\
                  - DNS TTL `300`\n- *HSTS* on\n\n1. first\n2. second";
        assert_eq!(
            plain(md),
            "Ticket OPS-1234 closed, see the runbook (https://wiki.example.com/rb).\n\
             • DNS TTL 300\n• HSTS on\n1. first\n2. second"
        );
    }

    #[test]
    fn a_bare_link_is_printed_once() {
        assert_eq!(plain("<https://example.com/a>"), "https://example.com/a");
    }
}
