package io.faultline.node;

import io.faultline.node.clock.NodeClock;
import java.io.IOException;
import java.net.BindException;

/**
 * Entry point of the KV node program (DESIGN.md, "The bundled systems under test"). Exit codes:
 * 0 after {@code --help}, 2 for a bad command line, 1 when the node cannot start (port in use,
 * corrupt data folder, protocol unavailable). Errors are one line on stderr, no stack trace.
 */
public final class KvNodeMain {
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
    NodeConfig config = ((NodeFlags.Run) parsed).config();
    KvNode node;
    try {
      node = KvNode.start(config, NodeClock.system(), System.out);
    } catch (BindException e) {
      fail("cannot listen on " + config.clientListen() + " or " + config.peerListen() + ": " + e.getMessage());
      return;
    } catch (IOException | RuntimeException e) {
      fail("cannot start: " + e.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
    // The node's threads are daemons (its HTTP server's too): this thread keeps the process alive
    // until it is stopped (SIGTERM runs the hook above) or killed.
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
