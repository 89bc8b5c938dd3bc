package io.faultline.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One browser tab: navigate and wait for the load event, evaluate JavaScript, take screenshots,
 * and list what went wrong on the page — uncaught exceptions, console errors and error log entries
 * (failed resource loads show there).
 */
public final class BrowserPage {
  private final CdpConnection cdp;
  private final String session;

  BrowserPage(CdpConnection cdp, String session) {
    this.cdp = cdp;
    this.session = session;
  }

  void enable(int width, int height) throws IOException {
    for (String domain : List.of("Runtime.enable", "Log.enable", "Page.enable")) {
      cdp.send(session, domain, Map.of(), HeadlessChromium.COMMAND_TIMEOUT);
    }
    cdp.send(session, "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false), HeadlessChromium.COMMAND_TIMEOUT);
  }

  /** Navigates and waits for the page's load event (images and scripts done). */
  public void load(String url, Duration timeout) throws IOException {
    int seen = cdp.events(session).size();
    JsonNode r = cdp.send(session, "Page.navigate", Map.of("url", url), timeout);
    if (r.hasNonNull("errorText")) {
      throw new IOException("cannot open " + url + ": " + r.get("errorText").asText());
    }
    cdp.await(session, "Page.loadEventFired", seen, timeout);
  }

  /** Evaluates an expression (promises awaited) and returns its value as JSON. */
  public JsonNode eval(String expression) throws IOException {
    JsonNode r = cdp.send(session, "Runtime.evaluate",
        Map.of("expression", expression, "returnByValue", true, "awaitPromise", true), HeadlessChromium.COMMAND_TIMEOUT);
    if (r.has("exceptionDetails")) {
      throw new IOException("evaluating " + expression + " threw: " + r.get("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /**
   * Dispatches a real mouse event at viewport coordinates: {@code mouseMoved}, {@code mousePressed}
   * or {@code mouseReleased} (left button for the latter two).
   */
  public void mouse(String type, double x, double y) throws IOException {
    Map<String, Object> params = new java.util.LinkedHashMap<>();
    params.put("type", type);
    params.put("x", x);
    params.put("y", y);
    if (!type.equals("mouseMoved")) {
      params.put("button", "left");
      params.put("clickCount", 1);
    }
    cdp.send(session, "Input.dispatchMouseEvent", params, HeadlessChromium.COMMAND_TIMEOUT);
  }

  /** Saves a PNG of the whole page (up to {@code maxHeight} pixels tall). */
  public void screenshot(Path png, int maxHeight) throws IOException {
    JsonNode metrics = cdp.send(session, "Page.getLayoutMetrics", Map.of(), HeadlessChromium.COMMAND_TIMEOUT);
    JsonNode size = metrics.has("cssContentSize") ? metrics.get("cssContentSize") : metrics.path("contentSize");
    double width = Math.max(1, size.path("width").asDouble(1280));
    double height = Math.min(maxHeight, Math.max(1, size.path("height").asDouble(900)));
    JsonNode r = cdp.send(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)), HeadlessChromium.COMMAND_TIMEOUT);
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(r.path("data").asText()));
  }

  /** Uncaught exceptions, console.error calls and error-level log entries, one line each. */
  public List<String> errors() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : cdp.events(session)) {
      String method = e.path("method").asText();
      JsonNode p = e.path("params");
      switch (method) {
        case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails"));
        case "Runtime.consoleAPICalled" -> {
          if ("error".equals(p.path("type").asText()) || "assert".equals(p.path("type").asText())) {
            out.add("console." + p.path("type").asText() + ": " + p.path("args"));
          }
        }
        case "Log.entryAdded" -> {
          if ("error".equals(p.path("entry").path("level").asText())) {
            out.add("log error: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
          }
        }
        default -> { }
      }
    }
    return out;
  }
}
