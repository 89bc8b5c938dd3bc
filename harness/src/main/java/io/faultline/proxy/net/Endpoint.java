package io.faultline.proxy.net;

import io.faultline.proxy.loop.EventLoop;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One socket of a proxied connection (the client's or the upstream's) and its selector
 * registration. The link reading from it and the link writing to it each say what they want;
 * this class turns that into interest ops.
 */
final class Endpoint implements EventLoop.Handler {
  final SocketChannel channel;
  private final Connection connection;
  private SelectionKey key;
  Link reader;
  Link writer;
  private boolean wantRead;
  private boolean wantWrite;
  private boolean closed;

  Endpoint(Connection connection, SocketChannel channel) {
    this.connection = connection;
    this.channel = channel;
  }

  void register(EventLoop loop, int ops) throws IOException {
    key = loop.register(channel, ops, this);
  }

  @Override
  public void ready(SelectionKey k) {
    if (k.isConnectable()) {
      connection.onConnectable();
      return;
    }
    if (k.isValid() && k.isReadable() && wantRead) {
      reader.onReadable();
    }
    if (k.isValid() && k.isWritable() && wantWrite) {
      writer.onWritable();
    }
  }

  void wantRead(boolean want) {
    wantRead = want;
    updateInterest();
  }

  void wantWrite(boolean want) {
    wantWrite = want;
    updateInterest();
  }

  private void updateInterest() {
    if (!closed && key != null && key.isValid()) {
      int ops = (wantRead ? SelectionKey.OP_READ : 0) | (wantWrite ? SelectionKey.OP_WRITE : 0);
      if (key.interestOps() != ops) {
        key.interestOps(ops);
      }
    }
  }

  boolean closed() {
    return closed;
  }

  /** SO_LINGER 0: the close that follows sends RST instead of FIN. */
  void resetOnClose() {
    try {
      channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    } catch (IOException | RuntimeException ignored) {
      // the socket is already gone; nothing to reset
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (key != null) {
      key.cancel();
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
