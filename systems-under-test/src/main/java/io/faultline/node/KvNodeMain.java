package io.faultline.node;

import io.faultline.node.clock.NodeClock;
import java.io.IOException;
import java.net.BindException;

/**
 * Entry point of the KV node program (DESIGN.md, "The bundled systems under test"). Exit codes:
 * 0 after {@code --help} or when a {@code --lifeline} ends, 2 for a bad command line, 1 when the
 * node cannot start (port in use, corrupt data folder, protocol unavailable). Errors are one line
 * on stderr, no stack trace.
 */
public final class KvNodeMain {
  /** How long a lifeline that ended during the start waits for it before exiting anyway. */
  private static final long LIFELINE_START_WAIT_SECONDS = 30;

  private KvNodeMain() {}

  public static void main(String[] args) {
    NodeFlags.Parsed parsed;
    try {
      parsed = NodeFlags.parse(args, System::nanoTime);
    } catch (UsageException e) {
      System.err.println("kv-node: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (parsed instanceof NodeFlags.Help) {
      System.out.print(NodeFlags.usage());
      return;
    }
    if (parsed instanceof NodeFlags.Check) {
      return; // every flag is valid; nothing is started
    }
    NodeFlags.Run run = (NodeFlags.Run) parsed;
    NodeConfig config = run.config();
    NodeClock clock = NodeClock.system();
    // Counted down once the shutdown hook is in place (or the start failed): a lifeline that ends
    // while the node starts waits for it, so its exit always runs the hook and closes cleanly.
    java.util.concurrent.CountDownLatch hooked = new java.util.concurrent.CountDownLatch(1);
    if (run.lifeline() == Lifeline.STDIN) {
      // Watched from before recovery: a parent that dies while the node reads its data folder
      // must not leave it running either.
      NodeLog log = new NodeLog(config.id(), clock, System.out);
      LifelineWatch.start(System.in, () -> {
        log.info("lifeline: standard input ended (the parent is gone), stopping");
        try {
          hooked.await(LIFELINE_START_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        System.exit(0); // runs the shutdown hook below: a clean close
      });
    }
    KvNode node;
    try {
      node = KvNode.start(config, clock, System.out);
    } catch (BindException e) {
      fail("cannot listen on " + config.clientListen() + " or " + config.peerListen() + ": " + e.getMessage());
      return;
    } catch (IOException | RuntimeException e) {
      fail("cannot start: " + e.getMessage());
      return;
    }
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
    } catch (IllegalStateException e) {
      // The JVM is already exiting (a signal during the start).
      return;
    } finally {
      hooked.countDown();
    }
    // The node's threads are daemons (its HTTP server's too): this thread keeps the process alive
    // until it is stopped (SIGTERM runs the hook above), its lifeline ends, or it is killed.
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void fail(String message) {
    System.err.println("kv-node: " + message);
    System.exit(1);
  }
}
