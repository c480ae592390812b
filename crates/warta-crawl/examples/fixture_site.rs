//! Serves the crawler's fixture news site on loopback until killed, for the crawl benchmark
//! (`scripts/bench-crawl.sh`):
//! `fixture_site ADDRESS [CRAWL_DELAY|none] [REQUEST_LOG]`. It prints the site's URL, then
//! every allowed article's path, one a line; with REQUEST_LOG it appends `STATUS PATH` there
//! for every request.

#[path = "../tests/support/site.rs"]
mod site;

fn main() {
    let mut args = std::env::args().skip(1);
    let bind = args.next().unwrap_or_else(|| "127.0.0.1:8716".into());
    let crawl_delay = match args.next().as_deref() {
        None | Some("none") => None,
        Some(d) => Some(d.parse().expect("a Crawl-delay in seconds")),
    };
    let site = site::Site::start_on(
        &bind,
        site::SiteConfig {
            crawl_delay,
            log_file: args.next().map(Into::into),
            ..site::SiteConfig::default()
        },
    );
    println!("{}/", site.base());
    for path in site.allowed_article_paths() {
        println!("{path}");
    }
    loop {
        std::thread::park();
    }
}
