//! warta-server: `warta serve`, an HTTP API and a reader page over `warta-core`.
//!
//! A thin shell: it reads requests within its limits, hands the bytes to the library on a
//! blocking thread, and renders what comes back (JSON, Markdown, text, HTML, or the reader
//! page). No extraction logic lives here.
//!
//! | route | what |
//! |---|---|
//! | `POST /v1/extract` | the body is the page (gzip allowed), or JSON `{"html","url","options"}` |
//! | `POST /v1/batch` | NDJSON lines `{"id","html"|"url","url"}` in, NDJSON articles out, in order |
//! | `GET /healthz`, `GET /metrics`, `GET /openapi.json` | liveness, Prometheus text, the API |
//! | `GET /`, `GET /read`, `POST /read` | the reader page |

mod api;
mod body;
mod config;
mod error;
mod fetch;
mod metrics;
mod reader;

use std::future::Future;
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use warta_core::{Article, Options};

pub use config::ServeArgs;
pub use error::ApiError;
use error::ErrorKind;
use metrics::Metrics;

/// What every handler shares.
struct AppState {
    config: ServeArgs,
    metrics: Metrics,
    /// The `--workers` threads that extract pages. Extraction is CPU-bound, so more than the
    /// cores would only queue; and the same few threads keep their allocator heaps warm, where
    /// tokio's growing blocking pool would leave a heap behind on every thread it ever used.
    workers: rayon::ThreadPool,
    /// Requests admitted at once; past that, 503 instead of an unbounded queue.
    admitted: Arc<Semaphore>,
    templates: minijinja::Environment<'static>,
    /// `warta-fetch` under the `--allow-private`/`--fetch-*` flags; clones share its pool.
    fetcher: warta_fetch::Fetcher,
}

type Shared = Arc<AppState>;

/// The page sent by every response: no script, style, frame or form target but our own.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src http: https: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// `warta serve`'s entry point: binds, serves, and returns after SIGTERM or
/// Ctrl-C once in-flight requests are done (or the grace period is over).
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = TcpListener::bind(args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        // Written, not `eprintln!`ed: a closed stderr must not bring the server down.
        let address = listener.local_addr()?;
        let _ = writeln!(
            std::io::stderr(),
            "warta serve: listening on http://{address}"
        );
        serve(listener, args, shutdown_signal())
            .await
            .context("cannot start the extraction workers")?;
        let _ = writeln!(std::io::stderr(), "warta serve: stopped");
        Ok(())
    })
}

/// Serves on `listener` until `shutdown` completes, then lets in-flight requests finish for up
/// to the grace period.
pub async fn serve(
    listener: TcpListener,
    args: ServeArgs,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let grace = std::time::Duration::from_secs(args.shutdown_grace_secs);
    let connections = Arc::new(Semaphore::new(args.max_connections));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(args.header_timeout());
    let app = router(Arc::new(AppState::new(args)?));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(grace) => {}
    }
    Ok(())
}

/// SIGTERM (what service managers send) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

impl AppState {
    fn new(config: ServeArgs) -> std::io::Result<Self> {
        Ok(AppState {
            metrics: Metrics::default(),
            workers: rayon::ThreadPoolBuilder::new()
                .num_threads(config.workers())
                .thread_name(|i| format!("warta-extract-{i}"))
                .build()
                .map_err(std::io::Error::other)?,
            admitted: Arc::new(Semaphore::new(config.max_in_flight.max(1))),
            templates: reader::templates(),
            fetcher: warta_fetch::Fetcher::new(config.fetch_config()),
            config,
        })
    }
}

fn router(state: Shared) -> Router {
    let limited = Router::new()
        .route("/v1/extract", post(api::post_extract).get(api::get_extract))
        .route("/v1/batch", post(api::post_batch))
        .route("/", get(reader::index))
        .route("/read", get(reader::read_url).post(reader::read_posted))
        .layer(middleware::from_fn_with_state(state.clone(), deadline))
        .layer(middleware::from_fn_with_state(state.clone(), admission));
    Router::new()
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics))
        .route("/openapi.json", get(api::openapi))
        .route("/static/reader.css", get(reader::stylesheet))
        .route("/static/reader.js", get(reader::script))
        .merge(limited)
        .fallback(api::not_found)
        // Bodies are read by `body::read_capped` under the server's own limits.
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(state.clone(), record))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Counts the request, its latency and, for an error answer, its kind.
async fn record(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| p.as_str())
        .to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .record_request(&route, response.status().as_u16(), started.elapsed());
    if let Some(ErrorKind(kind)) = response.extensions().get::<ErrorKind>() {
        state.metrics.record_error(kind);
    }
    response
}

/// Admits a request if fewer than `--max-in-flight` are being handled; else 503 at once.
async fn admission(State(state): State<Shared>, request: Request, next: Next) -> Response {
    match state.admitted.clone().try_acquire_owned() {
        Ok(_permit) => next.run(request).await,
        Err(_) => axum::response::IntoResponse::into_response(ApiError::overloaded()),
    }
}

/// The per-request deadline, body reading and extraction included.
async fn deadline(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let limit = state.config.request_deadline();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => axum::response::IntoResponse::into_response(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "deadline",
            format!(
                "the request took longer than its {}s deadline",
                limit.as_secs()
            ),
        )),
    }
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Extracts one page on one of the `--workers` threads, behind the library's panic guard.
async fn extract_page(state: &Shared, page: Bytes, opts: Options) -> Result<Article, ApiError> {
    let _in_flight = state.metrics.page_started();
    let (done, outcome) = tokio::sync::oneshot::channel();
    // The page is worked on to the end even if the client has gone: it holds a worker anyway.
    state.workers.spawn(move || {
        let _ = done.send(warta_core::catch_panic(|| {
            warta_core::extract(&page, &opts)
        }));
    });
    let outcome = outcome.await.map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "panic",
            "the extraction worker stopped",
        )
    })?;
    match outcome {
        Ok(Ok(article)) => {
            state.metrics.page_extracted();
            Ok(article)
        }
        Ok(Err(e)) | Err(e) => Err(ApiError::from_core(&e)),
    }
}
