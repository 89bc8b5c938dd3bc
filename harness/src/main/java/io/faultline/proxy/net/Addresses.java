package io.faultline.proxy.net;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.Locale;

/**
 * host:port strings as the real server reads and prints them. Bind errors carry the Go server's
 * wording ({@code listen tcp 127.0.0.1:3310: bind: address already in use}) because clients show
 * them to people.
 */
public final class Addresses {
  private Addresses() {}

  /** A listen failure; the message is the API error text. */
  public static final class ListenException extends Exception {
    public ListenException(String message) {
      super(message);
    }
  }

  /** Binds a listener for {@code listen}; an empty host means every interface. */
  static ServerSocketChannel bind(String listen) throws ListenException {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new ListenException("listen tcp: address " + listen + ": missing port in address");
    }
    String host = unbracket(listen.substring(0, colon));
    int port = port(listen.substring(colon + 1));
    InetSocketAddress address;
    if (host.isEmpty()) {
      address = new InetSocketAddress(port);
    } else {
      try {
        address = new InetSocketAddress(InetAddress.getByName(host), port);
      } catch (UnknownHostException e) {
        throw new ListenException("listen tcp: lookup " + host + ": no such host");
      }
    }
    ServerSocketChannel channel = null;
    try {
      channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address, 1024);
      return channel;
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // reporting the bind failure
        }
      }
      String reason = e.getMessage() == null ? "failed" : e.getMessage().toLowerCase(Locale.ROOT);
      String op = e instanceof BindException ? "bind: " : "";
      throw new ListenException("listen tcp " + format(address) + ": " + op + reason);
    }
  }

  private static int port(String text) throws ListenException {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ListenException("listen tcp: lookup tcp/" + text + ": unknown port");
  }

  /** Resolves an upstream address each time a client is accepted, as the real server dials. */
  static InetSocketAddress resolveUpstream(String upstream) throws UnknownHostException {
    int colon = upstream.lastIndexOf(':');
    if (colon < 0) {
      throw new UnknownHostException("missing port in address " + upstream);
    }
    String host = unbracket(upstream.substring(0, colon));
    int port;
    try {
      port = Integer.parseInt(upstream.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UnknownHostException("bad port in " + upstream);
    }
    InetAddress address = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
    return new InetSocketAddress(address, port);
  }

  /** As Go prints a bound address: {@code 127.0.0.1:8474}, {@code [::1]:8474}, {@code [::]:8474}. */
  static String format(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null || ip.isAnyLocalAddress()) {
      return "[::]:" + address.getPort();
    }
    if (ip instanceof Inet6Address) {
      return "[" + compressed((Inet6Address) ip) + "]:" + address.getPort();
    }
    return ip.getHostAddress() + ":" + address.getPort();
  }

  /** RFC 5952 text, as Go prints it: lower-case hex, longest run (≥ 2) of zero groups as "::". */
  static String compressed(Inet6Address ip) {
    byte[] b = ip.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength && j - i >= 2) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  private static String unbracket(String host) {
    if (host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }
}
