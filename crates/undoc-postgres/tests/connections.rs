//! How undoc connects to PostgreSQL, against a real server
//! (`UNDOC_TEST_POSTGRES`, as in `conformance.rs`): stores on one database
//! share one pool (counted in `pg_stat_activity`), and `sslmode=require`
//! speaks TLS and verifies the server's certificate.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed expectation is the report

use std::time::{Duration, Instant};

mod common;
use common::server;
use undoc_postgres::PgStore;
use undoc_store::Store;

/// `url` with one more query parameter.
fn with_parameter(url: &str, parameter: &str) -> String {
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}{parameter}")
}

/// Runs `sql` on a connection of its own; the first column of each row.
fn column(url: &str, sql: &str) -> Vec<String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .unwrap();
        let task = tokio::spawn(connection);
        let mut out = Vec::new();
        for message in client.simple_query(sql).await.unwrap() {
            if let tokio_postgres::SimpleQueryMessage::Row(row) = message {
                out.push(row.get(0).unwrap_or_default().to_owned());
            }
        }
        drop(client);
        let _ = task.await;
        out
    })
}

/// Server connections open under an application name.
fn backends(url: &str, application: &str) -> usize {
    column(
        url,
        &format!("SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}'"),
    )[0]
    .parse()
    .unwrap()
}

#[test]
fn stores_on_one_database_share_one_pool_that_closes_with_the_last() {
    let Some(url) = server() else { return };
    let application = format!("undoc_pool_{}", std::process::id());
    let store_url = with_parameter(&url, &format!("application_name={application}"));
    // What a server does as requests come in: a store per request thread.
    let stores: Vec<PgStore> = (0..20)
        .map(|_| PgStore::connect(&store_url).unwrap())
        .collect();
    for store in &stores {
        store.stats().unwrap();
    }
    assert_eq!(
        backends(&url, &application),
        1,
        "twenty stores used one after another hold one connection"
    );
    std::thread::scope(|scope| {
        for store in &stores {
            scope.spawn(move || {
                for _ in 0..5 {
                    store.stats().unwrap();
                }
            });
        }
    });
    let busy = backends(&url, &application);
    assert!(
        (1..=undoc_postgres::POOL_SIZE).contains(&busy),
        "twenty stores used at once hold at most the pool's {} connections, not {busy}",
        undoc_postgres::POOL_SIZE
    );
    drop(stores);
    let deadline = Instant::now() + Duration::from_secs(10);
    while backends(&url, &application) > 0 {
        assert!(
            Instant::now() < deadline,
            "the pool's connections close when its last store is dropped"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // A store opened later gets a pool of its own again (and it works).
    let again = PgStore::connect(&store_url).unwrap();
    again.stats().unwrap();
    assert_eq!(backends(&url, &application), 1);
}

/// A certificate authority, and a certificate for 127.0.0.1 it signed.
struct Certificates {
    authority: String,
    server: String,
    server_key: String,
}

fn new_certificates() -> Certificates {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
    let authority_key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "undoc test authority");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let authority = params.self_signed(&authority_key).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "127.0.0.1");
    let server = params
        .signed_by(&server_key, &authority, &authority_key)
        .unwrap();
    Certificates {
        authority: authority.pem(),
        server: server.pem(),
        server_key: server_key.serialize_pem(),
    }
}

/// Writes a file the server's user alone can read into the server's data
/// directory (the test server runs on this machine; as root, the file is
/// handed to the directory's owner, as PostgreSQL demands of a key).
fn write_for_server(data: &std::path::Path, name: &str, contents: &str) -> String {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let owner = std::fs::metadata(data).unwrap();
    let path = data.join(name);
    std::fs::write(&path, contents).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid())).unwrap();
    path.display().to_string()
}

/// Turns TLS on in the test server with `certificates` (a reload, no
/// restart; plain connections keep working).
fn enable_tls(url: &str, certificates: &Certificates) {
    let data = std::path::PathBuf::from(column(url, "SHOW data_directory").remove(0));
    let certificate = write_for_server(&data, "undoc-test-server.crt", &certificates.server);
    let key = write_for_server(&data, "undoc-test-server.key", &certificates.server_key);
    column(
        url,
        &format!("ALTER SYSTEM SET ssl_cert_file = '{certificate}'"),
    );
    column(url, &format!("ALTER SYSTEM SET ssl_key_file = '{key}'"));
    column(url, "ALTER SYSTEM SET ssl = on");
    column(url, "SELECT pg_reload_conf()");
}

#[test]
fn sslmode_require_speaks_tls_and_verifies_the_certificate() {
    let Some(url) = server() else { return };
    let certificates = new_certificates();
    enable_tls(&url, &certificates);
    let dir = tempfile::tempdir().unwrap();
    let trusted = dir.path().join("authority.pem");
    std::fs::write(&trusted, &certificates.authority).unwrap();
    let application = format!("undoc_tls_{}", std::process::id());
    let tls_url = with_parameter(
        &url,
        &format!(
            "sslmode=verify-full&sslrootcert={}&application_name={application}",
            trusted.display()
        ),
    );
    // The reload reaches new connections within moments.
    let deadline = Instant::now() + Duration::from_secs(10);
    let store = loop {
        match PgStore::connect(&tls_url) {
            Ok(store) => break store,
            Err(e) if Instant::now() < deadline => {
                eprintln!("waiting for TLS: {e}");
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => panic!("a TLS connection to a server whose authority is trusted: {e}"),
        }
    };
    store.stats().unwrap();
    let encrypted = column(
        &url,
        &format!(
            "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = '{application}'"
        ),
    );
    assert_eq!(encrypted, ["t"], "the store's connection is encrypted");
    drop(store);

    // An authority that did not sign the server's certificate: refused.
    let stranger = dir.path().join("stranger.pem");
    std::fs::write(&stranger, new_certificates().authority).unwrap();
    let refused = PgStore::connect(&with_parameter(
        &url,
        &format!("sslmode=require&sslrootcert={}", stranger.display()),
    ));
    let message = match refused {
        Ok(_) => panic!("a certificate no trusted authority signed must be refused"),
        Err(e) => e.to_string(),
    };
    assert!(
        message.contains("certificate") || message.contains("UnknownIssuer"),
        "the refusal says why: {message}"
    );

    // A file that holds no certificate is a clear error, not a silent fallback.
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    match PgStore::connect(&with_parameter(
        &url,
        &format!("sslmode=require&sslrootcert={}", empty.display()),
    )) {
        Ok(_) => panic!("an empty authority file must be refused"),
        Err(e) => assert!(e.to_string().contains("no PEM certificate"), "{e}"),
    }
}
