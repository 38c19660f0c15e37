//! Parallel work with output in input order and bounded memory.
//!
//! Items are produced on one thread, worked on by `jobs` threads, and handed on in the
//! order they were produced. A slow item (one huge page) must not let the others pile up
//! behind it: at most `window` items are in flight, produced but not yet handed on.

use anyhow::{bail, Result};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

/// Calls `produce` with a sender for the items, runs `work` on each on `jobs` threads, and
/// calls `each` with the results in production order. Stops at the first error from
/// `produce` or `each`.
pub fn ordered_map<T, R>(
    jobs: usize,
    window: usize,
    produce: impl FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<()> + Send,
    work: impl Fn(T) -> R + Sync,
    mut each: impl FnMut(R) -> Result<()>,
) -> Result<()>
where
    T: Send,
    R: Send,
{
    let window = window.max(jobs).max(1);
    std::thread::scope(|scope| {
        let (item_tx, item_rx) = sync_channel::<(usize, T)>(window);
        let item_rx: Arc<Mutex<Receiver<(usize, T)>>> = Arc::new(Mutex::new(item_rx));
        let (res_tx, res_rx) = sync_channel::<(usize, R)>(window);
        // One ticket per item in flight: the producer takes one before each item, and the
        // consumer gives it back when the item's result has been handed on.
        let (ticket_tx, ticket_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            ticket_tx.send(()).ok();
        }
        let work = &work;
        for _ in 0..jobs.max(1) {
            let (rx, tx) = (item_rx.clone(), res_tx.clone());
            scope.spawn(move || loop {
                let next = match rx.lock() {
                    Ok(guard) => guard.recv(),
                    Err(_) => break,
                };
                let Ok((i, item)) = next else { break };
                if tx.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        // The workers hold the only receivers now: when they stop, a blocked producer's
        // send fails instead of waiting forever.
        drop(item_rx);
        drop(res_tx);
        let producer = scope.spawn(move || {
            let mut i = 0;
            produce(&mut |item| {
                ticket_rx
                    .recv()
                    .map_err(|_| anyhow::anyhow!("the output stopped"))?;
                item_tx
                    .send((i, item))
                    .map_err(|_| anyhow::anyhow!("the output stopped"))?;
                i += 1;
                Ok(())
            })
        });
        // Consumes the results (dropping their receiver on an error, which stops the
        // workers).
        let handed = (|| -> Result<()> {
            let mut next = 0;
            let mut pending = std::collections::BTreeMap::new();
            for (i, result) in res_rx {
                pending.insert(i, result);
                while let Some(r) = pending.remove(&next) {
                    each(r)?;
                    next += 1;
                    ticket_tx.send(()).ok();
                }
            }
            Ok(())
        })();
        // Unblock a producer waiting for a ticket, then wait for it.
        drop(ticket_tx);
        let produced = match producer.join() {
            Ok(r) => r,
            Err(_) => bail!("the input reader stopped unexpectedly"),
        };
        handed?;
        produced
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_order_and_a_slow_item_holds_back_at_most_a_window() {
        let produced = AtomicUsize::new(0);
        let mut max_in_flight = 0;
        let mut out = Vec::new();
        ordered_map(
            2,
            4,
            |send| {
                for i in 0..50 {
                    produced.fetch_add(1, Ordering::SeqCst);
                    send(i)?;
                }
                Ok(())
            },
            |i: usize| {
                if i == 0 {
                    std::thread::sleep(Duration::from_millis(300));
                }
                i * 10
            },
            |r| {
                let in_flight = produced.load(Ordering::SeqCst) - out.len();
                max_in_flight = max_in_flight.max(in_flight);
                out.push(r);
                Ok(())
            },
        )
        .expect("runs");
        assert_eq!(out, (0..50).map(|i| i * 10).collect::<Vec<_>>());
        // The window, plus the one item the producer may have counted while it waits for
        // a ticket.
        assert!(max_in_flight <= 5, "{max_in_flight} items in flight");
    }

    #[test]
    fn errors_stop_the_run() {
        let err = ordered_map(
            2,
            4,
            |send| {
                for i in 0..1000 {
                    send(i)?;
                }
                Ok(())
            },
            |i: usize| i,
            |r| if r == 3 { bail!("disk full") } else { Ok(()) },
        )
        .expect_err("fails");
        assert_eq!(err.to_string(), "disk full");
        let err = ordered_map(2, 4, |_send| bail!("unreadable"), |i: usize| i, |_| Ok(()))
            .expect_err("fails");
        assert_eq!(err.to_string(), "unreadable");
    }
}
