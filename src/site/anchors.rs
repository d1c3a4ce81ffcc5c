//! Anchor links on headings: every `<h2>`–`<h6>` of a page that has an id gets a `#` link to
//! itself at its end, so that any section can be linked to.
//!
//! Works on the rendered page, whose headings come from the templates and from the rendered
//! Markdown, both written as `<hN id="...">`; agent text cannot produce that markup, because raw
//! HTML in an agent file is shown as text.

/// Adds a self-link at the end of each heading with an id.
pub fn link_headings(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    // memchr's substring search: `str::find` was most of this function's time on pages that
    // hold a whole agent file.
    while let Some(start) = memchr::memmem::find(rest.as_bytes(), b"<h") {
        let (before, tag) = rest.split_at(start);
        out.push_str(before);
        match heading_open(tag) {
            Some((level, id)) => {
                let close = format!("</h{level}>");
                let Some(end) = tag.find(&close) else {
                    out.push_str(tag);
                    return out;
                };
                out.push_str(&tag[..end]);
                out.push_str(&format!(
                    "<a class=\"anchor\" href=\"#{id}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a>"
                ));
                out.push_str(&close);
                rest = &tag[end + close.len()..];
            }
            None => {
                out.push_str("<h");
                rest = &tag[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// For `<hN id="ID"...` at the start of `tag`: the level and the id.
fn heading_open(tag: &str) -> Option<(char, &str)> {
    let level = tag[2..]
        .chars()
        .next()
        .filter(|c| ('2'..='6').contains(c))?;
    let attrs = tag[3..].strip_prefix(" id=\"")?;
    let id = &attrs[..attrs.find('"')?];
    Some((level, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_with_ids_get_a_self_link() {
        let html = "<h2 id=\"details\">Details <span class=\"count\">3</span></h2><h3>No id</h3><p>x<hr></p><h4 id=\"a-b\">A &amp; B</h4>";
        let linked = link_headings(html);
        assert_eq!(
            linked,
            "<h2 id=\"details\">Details <span class=\"count\">3</span><a class=\"anchor\" href=\"#details\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a></h2><h3>No id</h3><p>x<hr></p><h4 id=\"a-b\">A &amp; B<a class=\"anchor\" href=\"#a-b\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to this section</span></a></h4>"
        );
    }

    #[test]
    fn an_unclosed_heading_is_left_as_it_is() {
        let html = "<p>a</p><h2 id=\"x\">never closed";
        assert_eq!(link_headings(html), html);
    }
}
