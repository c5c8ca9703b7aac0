//! The web UI in a real browser (Debian's Chromium through chromedriver,
//! driven by fantoccini): search "Red Sea", open S/2025/228, follow its link
//! to S/2025/147, open the thread of A/79/818 and see both Armenian letters.
//! Screenshots of each page go to `target/screenshots/` for review.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

mod common;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// chromedriver, killed when the test ends however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn screenshots() -> PathBuf {
    let dir = common::repo().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
}

async fn start_driver() -> (Driver, Client) {
    let port = free_port();
    let driver = Driver(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let url = format!("http://127.0.0.1:{port}");
    let profile = tempfile::tempdir().unwrap();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.path().display()),
            ]
        }),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                // The profile folder must outlive the browser.
                std::mem::forget(profile);
                return (driver, client);
            }
            Err(e) if Instant::now() > deadline => panic!("chromedriver did not start: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

async fn text(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_searches_follows_a_reference_and_reads_a_thread() {
    let ready = installed("chromium") && installed("chromedriver");
    assert!(
        ready || std::env::var_os("CI").is_none(),
        "CI installs chromium and chromium-driver: they must be there"
    );
    if !ready {
        eprintln!("skipped: chromium or chromedriver not installed");
        return;
    }
    let Some(store) = common::shared_store() else {
        return;
    };
    let state = common::state(store, false, None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(undoc_server::serve(listener, state));

    let (_driver, client) = start_driver().await;
    let result = journey(&client, &base).await;
    client.close().await.unwrap();
    result.unwrap();
}

async fn journey(client: &Client, base: &str) -> Result<(), fantoccini::error::CmdError> {
    // The start page; the search box is labelled.
    client.goto(&format!("{base}/")).await?;
    shot(client, "home").await;
    let label = text(client, "label[for=q]").await;
    assert_eq!(
        client
            .find(Locator::Css("label[for=q]"))
            .await?
            .attr("for")
            .await?
            .as_deref(),
        Some("q")
    );
    assert!(label.is_empty() || label.contains("Search"));

    // Search "Red Sea" from the box.
    let box_ = client.find(Locator::Id("q")).await?;
    box_.send_keys("Red Sea").await?;
    client
        .find(Locator::Css("form.search-box button"))
        .await?
        .click()
        .await?;
    client.wait().for_element(Locator::Css("ol.hits")).await?;
    assert!(
        client.current_url().await?.as_str().contains("q=Red+Sea"),
        "the query is in the URL"
    );
    let summary = text(client, "p.summary").await;
    assert!(summary.contains("documents"), "{summary}");
    shot(client, "search-red-sea").await;

    // Open S/2025/228 from the results.
    let hit = client
        .find(Locator::XPath("//a[contains(@class,'hit-link')][.//span[@class='symbol' and normalize-space()='S/2025/228']]"))
        .await?;
    hit.click().await?;
    client
        .wait()
        .for_element(Locator::Css("header.masthead"))
        .await?;
    assert!(
        client
            .current_url()
            .await?
            .path()
            .ends_with("/documents/S/2025/228")
    );
    let masthead = text(client, "header.masthead").await;
    assert!(masthead.contains("S/2025/228"), "{masthead}");
    shot(client, "document-S-2025-228").await;

    // Follow its reference to S/2025/147, held in the store.
    let link = client
        .find(Locator::XPath(
            "//div[@class='body']//a[@class='ref-internal' and normalize-space()='S/2025/147']",
        ))
        .await?;
    link.click().await?;
    client
        .wait()
        .for_element(Locator::Css("header.masthead"))
        .await?;
    assert!(
        client
            .current_url()
            .await?
            .path()
            .ends_with("/documents/S/2025/147")
    );
    assert!(text(client, "header.masthead").await.contains("S/2025/147"));
    // It is cited by S/2025/228: the way back is listed.
    assert!(text(client, "aside.links").await.contains("S/2025/228"));
    shot(client, "document-S-2025-147").await;

    // The thread of A/79/818: both Armenian letters it answers.
    client.goto(&format!("{base}/threads/A/79/818")).await?;
    client
        .wait()
        .for_element(Locator::Css("ol.timeline"))
        .await?;
    let timeline = text(client, "ol.timeline").await;
    for symbol in ["A/79/798", "A/79/802", "A/79/818"] {
        assert!(timeline.contains(symbol), "{symbol} in {timeline}");
    }
    let armenian = client
        .find_all(Locator::XPath(
            "//ol[@class='timeline']/li[.//span[@class='state']//a[normalize-space()='Armenia']]",
        ))
        .await?;
    assert!(
        armenian.len() >= 2,
        "two letters from Armenia in the thread"
    );
    shot(client, "thread-A-79-818").await;

    // The other pages, for review; and a phone-sized document page.
    client.goto(&format!("{base}/agenda/A/79/132")).await?;
    shot(client, "agenda-A-79-132").await;
    client.goto(&format!("{base}/states/Armenia")).await?;
    client
        .wait()
        .for_element(Locator::Css("figure.chart svg"))
        .await?;
    shot(client, "state-Armenia").await;
    client.set_window_size(390, 844).await?;
    client.goto(&format!("{base}/documents/A/79/818")).await?;
    shot(client, "document-A-79-818-phone").await;

    // Charts: hits per year on a search, the months and counterparts on a
    // State's page, the exchange on a thread's; each with its numbers.
    for width in [1280, 390] {
        client
            .set_window_size(width, if width == 390 { 844 } else { 1000 })
            .await?;
        client.goto(&format!("{base}/search?q=Azerbaijan")).await?;
        client
            .wait()
            .for_element(Locator::Css("figure.chart-years svg"))
            .await?;
        let bars = client
            .find_all(Locator::Css("figure.chart-years svg rect.bar"))
            .await?;
        assert!(bars.len() >= 2, "a bar per year");
        shot(client, &format!("search-azerbaijan-{width}")).await;
        client.goto(&format!("{base}/states/Armenia")).await?;
        client
            .wait()
            .for_element(Locator::Css("figure.chart-months svg"))
            .await?;
        let counterparts = client
            .find(Locator::Css("figure.chart-counterparts"))
            .await?;
        let (_, _, chart_width, _) = counterparts
            .find(Locator::Css("svg"))
            .await?
            .rectangle()
            .await?;
        assert!(
            chart_width <= f64::from(width),
            "the chart fits the screen: {chart_width}"
        );
        let table = client
            .execute(
                "return document.querySelector('figure.chart-counterparts table').textContent",
                vec![],
            )
            .await?;
        assert!(
            table.as_str().is_some_and(|t| t.contains("Azerbaijan")),
            "Armenia exchanges letters with Azerbaijan: {table}"
        );
        shot(client, &format!("state-Armenia-{width}")).await;
        client.goto(&format!("{base}/threads/A/79/818")).await?;
        client
            .wait()
            .for_element(Locator::Css("figure.chart-timeline svg"))
            .await?;
        let dots = client
            .find_all(Locator::Css("figure.chart-timeline circle.document"))
            .await?;
        assert!(dots.len() >= 3, "A/79/818 and the two letters it answers");
        let lanes = client
            .find_all(Locator::Css("figure.chart-timeline line.lane"))
            .await?;
        assert!(
            lanes.len() >= 2,
            "a lane for Armenia and one for Azerbaijan"
        );
        shot(client, &format!("thread-A-79-818-{width}")).await;
    }

    // On a phone the filters are reachable above the results: a folded panel
    // that opens on a tap (they used to come after every result).
    client.goto(&format!("{base}/search?q=Azerbaijan")).await?;
    let summary = client
        .find(Locator::Css("details.filters-panel > summary"))
        .await?;
    assert!(
        summary.is_displayed().await?,
        "the panel's handle shows on a phone"
    );
    let (_, summary_y, _, _) = summary.rectangle().await?;
    let (_, first_hit_y, _, _) = client
        .find(Locator::Css("ol.hits > li"))
        .await?
        .rectangle()
        .await?;
    assert!(
        summary_y < first_hit_y,
        "the filters come before the results"
    );
    let year = client
        .find(Locator::Css("details.filters-panel .facet-list a"))
        .await?;
    assert!(!year.is_displayed().await?, "folded until asked for");
    shot(client, "search-phone-filters-folded").await;
    summary.click().await?;
    assert!(year.is_displayed().await?, "open after a tap");
    shot(client, "search-phone-filters-open").await;
    year.click().await?;
    client
        .wait()
        .for_element(Locator::Css("ul.active-filters"))
        .await?;

    // Keyboard: "/" focuses the search box.
    client.set_window_size(1280, 1000).await?;
    client.goto(&format!("{base}/documents/A/79/818")).await?;
    client
        .find(Locator::Css("body"))
        .await?
        .send_keys("/")
        .await?;
    let focused = client.active_element().await?;
    assert_eq!(focused.attr("id").await?.as_deref(), Some("q"));
    Ok(())
}
