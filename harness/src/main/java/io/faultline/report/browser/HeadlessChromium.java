package io.faultline.report.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium process driven over the Chrome DevTools Protocol: started with
 * {@code --remote-debugging-port=0} and a fresh profile folder, its browser WebSocket read from the
 * {@code DevTools listening on ws://...} line on stderr. Pages are targets attached in flattened
 * mode on that one connection. {@link #close} ends the browser and deletes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final CdpConnection cdp;
  private final List<String> stderrTail;

  private HeadlessChromium(Process process, Path profile, CdpConnection cdp, List<String> stderrTail) {
    this.process = process;
    this.profile = profile;
    this.cdp = cdp;
    this.stderrTail = stderrTail;
  }

  /** The browser binary: {@code $FAULTLINE_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
  public static Optional<Path> find() {
    String explicit = System.getenv("FAULTLINE_CHROMIUM");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  public static HeadlessChromium start(Path binary, Duration startTimeout) throws IOException {
    Path profile = Files.createTempDirectory("faultline-chromium-");
    List<String> cmd = List.of(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--remote-allow-origins=*",
        "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank");
    Process process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    List<String> tail = new ArrayList<>();
    CompletableFuture<String> ws = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            ws.complete(m.group(1));
          }
          synchronized (tail) {
            tail.add(line);
            if (tail.size() > 40) {
              tail.remove(0);
            }
          }
        }
      } catch (IOException e) {
        // the browser ended
      }
      ws.completeExceptionally(new IOException("chromium exited before printing its DevTools address"));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      String url = ws.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new HeadlessChromium(process, profile, CdpConnection.open(URI.create(url), startTimeout), tail);
    } catch (Exception e) {
      process.destroyForcibly();
      deleteQuietly(profile);
      String log;
      synchronized (tail) {
        log = String.join("\n", tail);
      }
      throw new IOException("chromium did not start (" + binary + "): " + e.getMessage() + "\n" + log, e);
    }
  }

  /** Opens a new tab on about:blank, attached, with Runtime, Log and Page events enabled. */
  public BrowserPage newPage(int width, int height) throws IOException {
    String target = cdp.send(null, "Target.createTarget", Map.of("url", "about:blank"), COMMAND_TIMEOUT)
        .path("targetId").asText();
    String session = cdp.send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true),
        COMMAND_TIMEOUT).path("sessionId").asText();
    BrowserPage page = new BrowserPage(cdp, session);
    page.enable(width, height);
    return page;
  }

  @Override
  public void close() {
    try {
      cdp.send(null, "Browser.close", Map.of(), Duration.ofSeconds(5));
    } catch (IOException e) {
      // destroyed below
    }
    cdp.close();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteQuietly(profile);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder
    }
  }
}
