//! `thidua check --external`: links to other sites, fetched with bounded concurrency and
//! timeouts (HEAD, then GET when HEAD is refused). Compiled only with the `external-links`
//! feature, the one user of ureq (and of rustls and ring).

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::CheckOptions;
use crate::diagnostic::{Diagnostic, Location};
use crate::messages::Text;

/// Fetches each outside link once (HEAD, then GET when HEAD is refused), `concurrency` at a
/// time, each within the timeout. Returns (checked, broken).
pub(super) fn check_external(
    links: &BTreeMap<String, Vec<(String, Location)>>,
    opts: &CheckOptions,
    diags: &mut Vec<Diagnostic>,
) -> (usize, usize) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .build()
        .into();
    let queue: Mutex<Vec<&String>> = Mutex::new(links.keys().rev().collect());
    let results: Mutex<Vec<(String, Text)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..opts.concurrency.clamp(1, 32) {
            scope.spawn(|| {
                loop {
                    let next = queue
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .pop();
                    let Some(url) = next else { break };
                    if let Some(problem) = fetch(&agent, url) {
                        results
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push((url.clone(), problem));
                    }
                }
            });
        }
    });
    let broken = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (url, problem) in &broken {
        for (file, at) in links.get(url).into_iter().flatten() {
            diags.push(Diagnostic::warning(file, "external link", problem.clone()).at(*at));
        }
    }
    (links.len(), broken.len())
}

/// `None` when the link works; otherwise what went wrong, in a sentence about `url`.
fn fetch(agent: &ureq::Agent, url: &str) -> Option<Text> {
    let status = match agent.head(url).call() {
        Ok(r) if r.status().as_u16() == 405 || r.status().as_u16() == 501 => {
            agent.get(url).call().map(|r| r.status().as_u16())
        }
        Ok(r) => Ok(r.status().as_u16()),
        Err(e) => Err(e),
    };
    match status {
        Ok(s) if s < 400 => None,
        Ok(s) => Some(crate::msg!("\"{}\" answered HTTP {}", url, s)),
        Err(ureq::Error::Timeout(_)) => Some(crate::msg!("\"{}\" did not answer in time", url)),
        Err(e) => Some(crate::msg!(
            "\"{}\" could not be reached ({})",
            url,
            Text::foreign(e.to_string())
        )),
    }
}
