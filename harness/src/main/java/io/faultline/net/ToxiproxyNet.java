package io.faultline.net;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Net} over Toxiproxy, driven only through the toxiproxy-java client so the same code
 * drives the embedded server and a real Toxiproxy. One proxy per directed link {@code a->b}: node
 * {@code a} reaches {@code b} through it, and a node sends only on connections it opens, so a
 * black-hole ({@code timeout} toxic with timeout 0) on the upstream stream of {@code a->b} drops
 * exactly what {@code a} says to {@code b}.
 */
public final class ToxiproxyNet implements Net {
  private static final String CUT = "faultline-cut";
  private static final String SLOW = "faultline-latency";

  private final ToxiproxyClient client;
  private final Map<String, Proxy> links = new TreeMap<>();

  public ToxiproxyNet(ToxiproxyClient client) {
    this.client = client;
  }

  /** The proxy name of the directed link {@code from->to}: {@code from-to-to}. */
  public static String linkName(String from, String to) {
    return from + "-to-" + to; // "->" would need URL-encoding in the API path
  }

  /**
   * Creates the proxy for link {@code from->to} forwarding to {@code upstream} and returns the
   * address it listens on ({@code listen} may use port 0 for a free port).
   */
  public synchronized String createLink(String from, String to, String listen, String upstream) throws IOException {
    String name = linkName(from, to);
    for (Proxy existing : client.getProxies()) {
      if (existing.getName().equals(name)) {
        existing.delete(); // left over from an earlier run against the same Toxiproxy
      }
    }
    Proxy proxy = client.createProxy(name, listen, upstream);
    links.put(name, proxy);
    return proxy.getListen();
  }

  /**
   * Moves to {@code grudge} from whatever partition is in effect: first cuts the links it adds,
   * then restores the ones it no longer cuts, so that while it moves no node hears more than it
   * does under either partition (a flapping partition never passes through "healed").
   */
  @Override
  public synchronized void partition(Grudge grudge) throws IOException {
    List<Toxic> restore = new ArrayList<>();
    for (Map.Entry<String, Proxy> e : links.entrySet()) {
      String[] ends = e.getKey().split("-to-", 2);
      boolean cut = grudge.cuts(ends[0], ends[1]);
      Toxic existing = find(e.getValue(), CUT);
      if (cut && existing == null) {
        e.getValue().toxics().timeout(CUT, ToxicDirection.UPSTREAM, 0);
      } else if (!cut && existing != null) {
        restore.add(existing);
      }
    }
    for (Toxic t : restore) {
      t.remove();
    }
  }

  @Override
  public synchronized void slow(long latencyMs, long jitterMs) throws IOException {
    for (Proxy proxy : links.values()) {
      Toxic existing = find(proxy, SLOW);
      if (existing != null) {
        existing.remove();
      }
      proxy.toxics().latency(SLOW, ToxicDirection.UPSTREAM, latencyMs).setJitter(jitterMs);
    }
  }

  @Override
  public synchronized void slowEach(Map<String, Long> msByLink, long jitterMs) throws IOException {
    for (Map.Entry<String, Proxy> e : links.entrySet()) {
      Toxic existing = find(e.getValue(), SLOW);
      if (existing != null) {
        existing.remove();
      }
      String[] ends = e.getKey().split("-to-", 2);
      Long ms = msByLink.get(ends[0] + "->" + ends[1]);
      if (ms != null && ms > 0) {
        e.getValue().toxics().latency(SLOW, ToxicDirection.UPSTREAM, ms).setJitter(Math.min(jitterMs, ms));
      }
    }
  }

  @Override
  public synchronized void healPartition() throws IOException {
    removeAll(CUT);
  }

  @Override
  public synchronized void healLatency() throws IOException {
    removeAll(SLOW);
  }

  private void removeAll(String toxicName) throws IOException {
    for (Proxy proxy : links.values()) {
      Toxic existing = find(proxy, toxicName);
      if (existing != null) {
        existing.remove();
      }
    }
  }

  @Override
  public synchronized void heal() throws IOException {
    for (Proxy proxy : links.values()) {
      for (Toxic t : new ArrayList<>(proxy.toxics().getAll())) {
        t.remove();
      }
    }
  }

  /** Names of the links currently cut, for tests and the report. */
  public synchronized List<String> cutLinks() throws IOException {
    List<String> cut = new ArrayList<>();
    for (Map.Entry<String, Proxy> e : links.entrySet()) {
      if (find(e.getValue(), CUT) != null) {
        cut.add(e.getKey());
      }
    }
    return cut;
  }

  private static Toxic find(Proxy proxy, String name) throws IOException {
    for (Toxic t : proxy.toxics().getAll()) {
      if (name.equals(t.getName())) {
        return t;
      }
    }
    return null;
  }
}
