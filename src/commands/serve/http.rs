//! The HTTP side of `agentdex serve`: answers requests from the site in memory, adds the
//! live-reload script (a separate file, so pages keep their CSP without `unsafe-inline`) and the
//! problem banner to HTML pages, and streams reload events (Server-Sent Events).

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use super::Shared;

/// Where serve's own files live; no site file can be there (site paths have no `__` folder).
const PREFIX: &str = "/__agentdex/";
const RELOAD_JS: &str = include_str!("live-reload.js");
const SERVE_CSS: &str = include_str!("serve.css");

/// Answers requests on their own threads, forever.
pub fn spawn(server: Server, shared: Arc<Shared>) {
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || answer(request, &shared));
        }
    });
}

fn answer(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let result = match path.strip_prefix(PREFIX) {
        Some("events") => return stream_events(request, shared, since(query)),
        Some("live-reload.js") => request.respond(text(200, RELOAD_JS, "text/javascript")),
        Some("serve.css") => request.respond(text(200, SERVE_CSS, "text/css")),
        _ => respond_with_site(request, shared, path),
    };
    // A client that went away mid-answer is not the server's problem.
    drop(result);
}

fn since(query: &str) -> u64 {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("v="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn response(status: u16, body: Vec<u8>, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut response = Response::from_data(body).with_status_code(StatusCode(status));
    for h in [
        header("Content-Type", content_type),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    response
}

fn text(status: u16, body: &str, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    response(
        status,
        body.as_bytes().to_vec(),
        &format!("{content_type}; charset=utf-8"),
    )
}

/// Answers as GitHub Pages does: `x/` is `x/index.html`, `x` redirects to `x/` when that has an
/// `index.html`, and is `x.html` otherwise (so `/agents/<slug>` shows `agents/<slug>.html`; the
/// page's relative links resolve the same from both addresses).
fn respond_with_site(request: Request, shared: &Shared, path: &str) -> std::io::Result<()> {
    let relative = decode_percent(path.trim_start_matches('/'));
    let site = &shared.site;
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.clone()
    };
    let found = site.get(&file).map(|body| (file, body));
    if found.is_none() && site.get(&format!("{relative}/index.html")).is_some() {
        let mut redirect = Response::empty(StatusCode(301));
        if let Some(location) = header("Location", &format!("/{relative}/")) {
            redirect.add_header(location);
        }
        return request.respond(redirect);
    }
    let found = found.or_else(|| {
        let page = format!("{relative}.html");
        (!relative.is_empty() && !relative.ends_with('/'))
            .then(|| site.get(&page))
            .flatten()
            .map(|body| (page, body))
    });
    if let Some((file, body)) = found {
        let body = if file.ends_with(".html") {
            decorate(&body, shared)
        } else {
            body
        };
        return request.respond(response(200, body, content_type(&file)));
    }
    let body = site
        .get("404.html")
        .map_or_else(|| not_built_page(shared), |page| decorate(&page, shared));
    request.respond(response(404, body, "text/html; charset=utf-8"))
}

/// The page shown when there is no site yet (the first build failed).
fn not_built_page(shared: &Shared) -> Vec<u8> {
    let page = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>agentdex serve</title>\n</head>\n<body>\n<h1>No site yet</h1>\n</body>\n</html>\n";
    decorate(page.as_bytes(), shared)
}

/// Adds the live-reload script (and the problem banner, when there are problems) to a page.
fn decorate(page: &[u8], shared: &Shared) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let head = format!(
        "<script src=\"{PREFIX}live-reload.js?v={}\" defer></script>\n<link rel=\"stylesheet\" href=\"{PREFIX}serve.css\">\n</head>",
        shared.version()
    );
    let mut html = html.replacen("</head>", &head, 1);
    let problems = shared.problems();
    if !problems.is_empty()
        && let Some(body_start) = html
            .find("<body")
            .and_then(|i| html[i..].find('>').map(|j| i + j + 1))
    {
        let banner = format!(
            "\n<div class=\"agentdex-serve-error\" role=\"alert\"><strong>agentdex: the last change did not build cleanly</strong><pre>{}</pre></div>",
            escape_html(&problems.join("\n"))
        );
        html.insert_str(body_start, &banner);
    }
    html.into_bytes()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Holds the connection open and sends `reload` each time the site is rebuilt past `since`.
fn stream_events(request: Request, shared: &Shared, mut since: u64) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let version = shared.wait_past(since, Duration::from_secs(15));
        // A comment line when nothing happened finds out whether the page is still open.
        let message = if version > since {
            format!("event: reload\ndata: {version}\n\n")
        } else {
            ": ping\n\n".to_string()
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        since = version;
    }
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "md" => "text/markdown; charset=utf-8",
        "toml" => "application/toml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Decodes `%XX` escapes in a URL path; invalid escapes stay as written.
fn decode_percent(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes_and_keeps_bad_ones() {
        assert_eq!(decode_percent("raw/my%20agent.md"), "raw/my agent.md");
        assert_eq!(decode_percent("a%2"), "a%2");
        assert_eq!(decode_percent("a%zz"), "a%zz");
    }

    #[test]
    fn pages_get_the_script_and_problems_a_banner() {
        let shared = Shared::default();
        let page = b"<html><head><title>t</title></head><body class=\"x\"><p>hi</p></body></html>";
        let clean = String::from_utf8(decorate(page, &shared)).expect("utf-8");
        assert_eq!(
            clean,
            "<html><head><title>t</title><script src=\"/__agentdex/live-reload.js?v=0\" defer></script>\n<link rel=\"stylesheet\" href=\"/__agentdex/serve.css\">\n</head><body class=\"x\"><p>hi</p></body></html>"
        );
        shared.finish_build(vec!["agents/a.md:1: skipped: <bad>".to_string()]);
        let broken = String::from_utf8(decorate(page, &shared)).expect("utf-8");
        assert!(broken.contains("live-reload.js?v=1"), "{broken}");
        assert!(
            broken.contains("<body class=\"x\">\n<div class=\"agentdex-serve-error\" role=\"alert\"><strong>agentdex: the last change did not build cleanly</strong><pre>agents/a.md:1: skipped: &lt;bad&gt;</pre></div><p>hi</p>"),
            "{broken}"
        );
    }
}
