package io.faultline.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser alone: bytes in, in pieces of every size; a request or an exact error out. */
class RequestParserTest {
  private static final int MAX_HEAD = 1_024;
  private static final int MAX_BODY = 100;

  /** Feeds {@code text} in pieces of {@code piece} bytes; returns the requests and a final error, if any. */
  private static List<Object> parse(String text, int piece) {
    RequestParser parser = new RequestParser(MAX_HEAD, MAX_BODY);
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    List<Object> out = new ArrayList<>();
    for (int from = 0; from < bytes.length; from += piece) {
      ByteBuffer in = ByteBuffer.wrap(bytes, from, Math.min(piece, bytes.length - from));
      while (in.hasRemaining()) {
        RequestParser.Event e = parser.feed(in);
        if (e == RequestParser.Event.REQUEST) {
          out.add(parser.take());
          parser.reset();
        } else if (e == RequestParser.Event.ERROR) {
          out.add(parser.error());
          return out;
        }
      }
    }
    return out;
  }

  private static ClientError error(String text) {
    List<Object> out = parse(text, Integer.MAX_VALUE);
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).isInstanceOf(ClientError.class);
    return (ClientError) out.get(0);
  }

  private static Request request(String text) {
    List<Object> out = parse(text, Integer.MAX_VALUE);
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).isInstanceOf(Request.class);
    return (Request) out.get(0);
  }

  @Test
  void everySplitOfTheInputGivesTheSameRequests() {
    String two = "\r\nPOST /kv/a%20b?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n{\"value\":1}"
        + "PUT /t HTTP/1.1\nTransfer-Encoding: chunked\n\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: x\r\n\r\n"
        + "GET / HTTP/1.0\r\n\r\n";
    for (int piece = 1; piece <= two.length(); piece++) {
      List<Object> out = parse(two, piece);
      assertThat(out).as("pieces of %d", piece).hasSize(3);
      Request first = (Request) out.get(0);
      assertThat(first.method()).isEqualTo("POST");
      assertThat(first.target()).isEqualTo("/kv/a%20b?x=1");
      assertThat(first.rawPath()).isEqualTo("/kv/a%20b");
      assertThat(first.rawQuery()).isEqualTo("x=1");
      assertThat(first.header("HOST")).isEqualTo("h");
      assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":1}");
      assertThat(first.keepAlive()).isTrue();
      Request second = (Request) out.get(1);
      assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("abcde");
      Request third = (Request) out.get(2);
      assertThat(third.version()).isEqualTo("HTTP/1.0");
      assertThat(third.keepAlive()).isFalse();
      assertThat(third.body()).isEmpty();
    }
  }

  @Test
  void aBodyIsHeldOnlyAsItArrivesNotAsDeclared() {
    RequestParser parser = new RequestParser(MAX_HEAD, 10_000_000);
    RequestParser.Event e = parser.feed(ByteBuffer.wrap(
        "PUT / HTTP/1.1\r\nContent-Length: 9000000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(e).isEqualTo(RequestParser.Event.HEAD_DONE);
    assertThat(parser.heldBytes()).isLessThan(64 * 1024);
    assertThat(parser.inBody()).isTrue();
  }

  @Test
  void expectContinueIsReportedWhenABodyFollows() {
    RequestParser parser = new RequestParser(MAX_HEAD, MAX_BODY);
    ByteBuffer in = ByteBuffer.wrap("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(parser.feed(in)).isEqualTo(RequestParser.Event.HEAD_DONE);
    assertThat(parser.expectContinue()).isTrue();
    assertThat(parser.feed(in)).isEqualTo(RequestParser.Event.REQUEST);
  }

  @Test
  void targetsWithCharactersJavaUrisRefuseAreAccepted() {
    assertThat(request("GET /proxies/n1->n2 HTTP/1.1\r\n\r\n").rawPath()).isEqualTo("/proxies/n1->n2");
    assertThat(request("GET http://host:1/version?x HTTP/1.1\r\n\r\n").rawPath()).isEqualTo("/version");
  }

  @Test
  void malformedHeadsGetTheirExactError() {
    assertThat(error("GET /\r\n\r\n").message()).isEqualTo("request line is not METHOD TARGET VERSION");
    assertThat(error("GET  / HTTP/1.1\r\n\r\n").message()).isEqualTo("request line is not METHOD TARGET VERSION");
    assertThat(error("GET / HTTP/1.1 x\r\n\r\n").message()).isEqualTo("request line is not METHOD TARGET VERSION");
    assertThat(error("G(T / HTTP/1.1\r\n\r\n").message()).isEqualTo("bad method in the request line");
    assertThat(error("GET /\u0001 HTTP/1.1\r\n\r\n").message()).isEqualTo("control character in the request target");
    assertThat(error("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n").message()).isEqualTo("bare CR in the request head");
    assertThat(error("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n").message())
        .isEqualTo("folded header line 2 (obsolete line folding is not accepted)");
    assertThat(error("GET / HTTP/1.1\r\nno colon\r\n\r\n").message()).isEqualTo("header line 1 is not NAME: VALUE");
    assertThat(error("GET / HTTP/1.1\r\nName : v\r\n\r\n").message()).isEqualTo("header line 1 is not NAME: VALUE");
    assertThat(error("GET / HTTP/1.1\r\nA: \u0000\r\n\r\n").message()).isEqualTo("control character in header A");
    ClientError version = error("GET / HTTP/2.0\r\n\r\n");
    assertThat(version).isEqualTo(new ClientError(ClientError.Kind.UNSUPPORTED_VERSION, 505,
        "HTTP version 2.0 is not supported"));
    assertThat(error("GET / FTP/1.1\r\n\r\n").status()).isEqualTo(400);
  }

  @Test
  void framingThatTwoParsersCouldReadDifferentlyIsRefused() {
    assertThat(error("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .isEqualTo(new ClientError(ClientError.Kind.MALFORMED, 400, "both Transfer-Encoding and Content-Length"));
    assertThat(error("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n").message())
        .isEqualTo("conflicting Content-Length values");
    assertThat(error("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n").message()).isEqualTo("bad Content-Length: -1");
    assertThat(error("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n").message()).isEqualTo("bad Content-Length: 1x");
    assertThat(error("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))
        .isEqualTo(new ClientError(ClientError.Kind.UNSUPPORTED_TRANSFER_ENCODING, 501,
            "Transfer-Encoding 'gzip, chunked' is not supported (only chunked)"));
    // identical repeated lengths are one length
    assertThat(request("POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok").body()).hasSize(2);
  }

  @Test
  void oversizedPartsAreClientErrorsWithTheirLimits() {
    assertThat(error("GET /" + "x".repeat(MAX_HEAD) + " HTTP/1.1\r\n\r\n"))
        .isEqualTo(new ClientError(ClientError.Kind.HEAD_TOO_LARGE, 400, "request head exceeds the limit of 1024 bytes"));
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\n");
    for (int i = 0; i <= RequestParser.MAX_HEADER_FIELDS; i++) {
      many.append("h: ").append(i).append("\r\n");
    }
    RequestParser big = new RequestParser(64 * 1024, MAX_BODY);
    assertThat(big.feed(ByteBuffer.wrap((many + "\r\n").getBytes(StandardCharsets.ISO_8859_1))))
        .isEqualTo(RequestParser.Event.ERROR);
    assertThat(big.error().message()).isEqualTo("more than 100 header fields");
    assertThat(error("PUT / HTTP/1.1\r\nContent-Length: 101\r\n\r\n"))
        .isEqualTo(new ClientError(ClientError.Kind.BODY_TOO_LARGE, 413, "request body of 101 bytes exceeds the limit of 100 bytes"));
    assertThat(error("PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n" + "x".repeat(100) + "\r\n1\r\n"))
        .isEqualTo(new ClientError(ClientError.Kind.BODY_TOO_LARGE, 413, "chunked request body exceeds the limit of 100 bytes"));
  }

  @Test
  void badChunksGetTheirExactError() {
    String chunked = "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertThat(error(chunked + "zz\r\n").message()).isEqualTo("bad chunk size: zz");
    assertThat(error(chunked + "\r\n").message()).isEqualTo("bad chunk size: ");
    assertThat(error(chunked + "2\r\nabc\r\n").message()).isEqualTo("chunk data longer than its size");
    assertThat(error(chunked + "1" + "0".repeat(5_000)).message()).isEqualTo("chunk size line too long");
  }

  @Test
  void randomBytesNeverThrowAndEndInARequestAnErrorOrAWait() {
    Random random = new Random(7);
    String[] starts = {"", "GET / HTTP/1.1\r\n", "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\n",
        "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"};
    for (int round = 0; round < 5_000; round++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      if (round % 3 == 0) {
        for (int i = 0; i < junk.length; i++) {
          junk[i] = (byte) "\r\n :GET/HTTP1.0abc;0123456789".charAt(random.nextInt(29));
        }
      }
      String text = starts[round % starts.length] + new String(junk, StandardCharsets.ISO_8859_1);
      List<Object> out = parse(text, 1 + random.nextInt(50));
      for (Object o : out) {
        if (o instanceof ClientError e) {
          assertThat(e.status()).isIn(400, 413, 501, 505);
          assertThat(e.message()).isNotBlank().doesNotContain("\n");
        }
      }
    }
  }
}
