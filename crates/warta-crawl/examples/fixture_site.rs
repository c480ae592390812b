//! Serves the crawler's fixture news site on loopback until killed, for the benchmark in the
//! README: `cargo run --release -p warta-crawl --example fixture_site -- 127.0.0.1:8716`.
//! A second argument sets the robots.txt Crawl-delay in seconds (`none` leaves it out).

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
            ..site::SiteConfig::default()
        },
    );
    println!("{}/", site.base());
    loop {
        std::thread::park();
    }
}
