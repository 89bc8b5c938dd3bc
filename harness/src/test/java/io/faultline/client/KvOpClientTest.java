package io.faultline.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.faultline.checker.history.OpType;
import io.faultline.generator.Invocation;
import io.faultline.workload.ClientKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client mapping against a real HTTP server scripted to answer each status of the KV API. */
class KvOpClientTest {
  private HttpServer server;
  private final AtomicReference<String> lastRequest = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String body = "{\"value\":3}";
  private volatile long delayMillis = 0;
  private final List<String> bugs = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      byte[] req = ex.getRequestBody().readAllBytes();
      lastRequest.set(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + new String(req, StandardCharsets.UTF_8));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Completion run(ClientKind kind, Invocation op) {
    try (KvOpClient c = new KvOpClient(kind, new KeepAliveHttp("127.0.0.1", server.getAddress().getPort(), 300), bugs::add)) {
      return c.invoke(op);
    }
  }

  @Test
  void readMapsTheValueAndTheRequest() {
    Completion c = run(ClientKind.REGISTER, new Invocation("read", "k1", null));
    assertThat(c).isEqualTo(Completion.ok(3L));
    assertThat(lastRequest.get()).isEqualTo("GET /kv/k1 ");
  }

  @Test
  void casSendsExpectAndValueAndMismatchIsAFail() {
    status = 412;
    body = "{\"error\":\"cas-mismatch\"}";
    Completion c = run(ClientKind.REGISTER, new Invocation("cas", "k1", Arrays.asList(1L, 2L)));
    assertThat(c.type()).isEqualTo(OpType.FAIL);
    assertThat(c.error()).isEqualTo("cas-mismatch");
    assertThat(lastRequest.get()).isEqualTo("POST /kv/k1/cas {\"expect\":1,\"value\":2}");
  }

  @Test
  void unavailableIsADefiniteFailureButIndeterminateAndServerErrorsAreInfo() {
    status = 503;
    assertThat(run(ClientKind.REGISTER, new Invocation("write", "k", 1L)).type()).isEqualTo(OpType.FAIL);
    status = 504;
    assertThat(run(ClientKind.REGISTER, new Invocation("write", "k", 1L))).isEqualTo(Completion.info(1L, "indeterminate"));
    status = 500;
    assertThat(run(ClientKind.REGISTER, new Invocation("write", "k", 1L)).type()).isEqualTo(OpType.INFO);
    assertThat(bugs).isEmpty();
  }

  @Test
  void badRequestIsInfoAndReportedAsAHarnessBug() {
    status = 400;
    body = "{\"error\":\"bad json\"}";
    assertThat(run(ClientKind.REGISTER, new Invocation("write", "k", 1L)).type()).isEqualTo(OpType.INFO);
    assertThat(bugs).singleElement().asString().contains("400").contains("bad json");
  }

  @Test
  void aTimeoutIsInfoNeverFail() {
    delayMillis = 1_000;
    assertThat(run(ClientKind.REGISTER, new Invocation("read", "k", null))).isEqualTo(Completion.info(null, "timeout"));
  }

  @Test
  void connectionRefusedIsADefiniteFailureSinceNothingWasSent() {
    server.stop(0);
    assertThat(run(ClientKind.REGISTER, new Invocation("write", "k", 1L))).isEqualTo(Completion.fail(1L, "not-sent"));
  }

  @Test
  void aConnectionLostAfterSendingIsInfo() throws Exception {
    // A server that reads the request and closes without answering: the write may have happened.
    try (java.net.ServerSocket dropper = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (java.net.Socket s = dropper.accept()) {
          s.getInputStream().read(new byte[256]);
        } catch (IOException e) {
          // Test server; nothing to do.
        }
      });
      t.start();
      try (KvOpClient c = new KvOpClient(ClientKind.REGISTER, new KeepAliveHttp("127.0.0.1", dropper.getLocalPort(), 2_000), bugs::add)) {
        assertThat(c.invoke(new Invocation("write", "k", 1L)).type()).isEqualTo(OpType.INFO);
      }
      t.join();
    }
  }

  @Test
  void setAndTxnGoThroughTxnEndpoint() {
    body = "{\"ops\":[[\"r\",\"s\",[1,2]]]}";
    assertThat(run(ClientKind.SET, new Invocation("read", "s", null))).isEqualTo(Completion.ok(List.of(1L, 2L)));
    assertThat(lastRequest.get()).isEqualTo("POST /txn {\"ops\":[[\"r\",\"s\",null]]}");
    run(ClientKind.SET, new Invocation("add", "s", 7L));
    assertThat(lastRequest.get()).isEqualTo("POST /txn {\"ops\":[[\"append\",\"s\",7]]}");
    body = "{\"ops\":[[\"append\",\"x1\",4],[\"r\",\"x2\",[4]]]}";
    Completion c = run(ClientKind.TXN, new Invocation("txn", null,
        List.of(List.of("append", "x1", 4L), Arrays.asList("r", "x2", null))));
    assertThat(c.value()).isEqualTo(List.of(List.of("append", "x1", 4L), List.of("r", "x2", List.of(4L))));
  }
}
