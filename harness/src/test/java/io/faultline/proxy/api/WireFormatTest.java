package io.faultline.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.proxy.toxic.ToxicType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Request decoding, number printing and path handling, without sockets. */
class WireFormatTest {
  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void float32IsPrintedAsGoPrintsIt() {
    assertThat(Responses.goFloat32(1f)).isEqualTo("1");
    assertThat(Responses.goFloat32(0f)).isEqualTo("0");
    assertThat(Responses.goFloat32(0.5f)).isEqualTo("0.5");
    assertThat(Responses.goFloat32(0.1f)).isEqualTo("0.1");
    assertThat(Responses.goFloat32(-1.25f)).isEqualTo("-1.25");
    assertThat(Responses.goFloat32(100f)).isEqualTo("100");
  }

  @Test
  void fieldNamesMatchCaseInsensitivelyAndUnknownFieldsAreIgnored() {
    Requests.ProxyFields fields =
        Requests.proxy(Requests.parse(json("{\"Name\":\"a\",\"UPSTREAM\":\"b:1\",\"extra\":[1]}")));
    assertThat(fields).isEqualTo(new Requests.ProxyFields("a", null, "b:1", null));
  }

  @Test
  void nullLeavesAFieldUnset() {
    assertThat(Requests.proxy(Requests.parse(json("{\"name\":null,\"enabled\":null}"))))
        .isEqualTo(new Requests.ProxyFields(null, null, null, null));
  }

  @Test
  void wrongTypesGetTheGoDecoderMessage() {
    assertThatThrownBy(() -> Requests.proxy(Requests.parse(json("{\"enabled\":\"yes\"}"))))
        .hasMessage("bad request body: json: cannot unmarshal string into Go struct field Proxy.enabled of type bool");
    assertThatThrownBy(() -> Requests.proxy(Requests.parse(json("[1]"))))
        .hasMessage("bad request body: json: cannot unmarshal array into Go value of type proxy.Proxy");
    assertThatThrownBy(() -> Requests.toxic(Requests.parse(json("{\"toxicity\":\"high\"}"))))
        .hasMessage("bad request body: json: cannot unmarshal string into Go struct field ToxicWrapper.toxicity of type float32");
    assertThatThrownBy(
            () -> Requests.attributes(ToxicType.SLICER, Requests.parse(json("{\"delay\":1e3}"))))
        .hasMessageStartingWith("bad request body: json: cannot unmarshal number")
        .hasMessageEndingWith("into Go struct field SlicerToxic.delay of type int");
  }

  @Test
  void emptyAndTruncatedBodies() {
    assertThatThrownBy(() -> Requests.parse(json("  "))).hasMessage("bad request body: EOF");
    assertThatThrownBy(() -> Requests.parse(json("{\"name\":"))).hasMessage("bad request body: unexpected EOF");
  }

  @Test
  void anythingButWhitespaceAfterTheValueIsRefusedAsGosUnmarshalRefusesIt() {
    assertThatThrownBy(() -> Requests.parse(json("{\"enabled\":false}{\"enabled\":true}")))
        .hasMessage("bad request body: invalid character '{' after top-level value");
    assertThatThrownBy(() -> Requests.parse(json("[{\"name\":\"a\"}] junk")))
        .hasMessage("bad request body: invalid character 'j' after top-level value");
    assertThatThrownBy(() -> Requests.parse(json("{}\u0000")))
        .hasMessage("bad request body: invalid character '\\x00' after top-level value");
    assertThat(Requests.parse(json("{\"name\":\"a\"} \r\n\t")).get("name").asText()).isEqualTo("a");
  }

  @Test
  void pathsAreCleanedAndDecodedLikeGo() {
    assertThat(ApiServer.cleanPath("/proxies/")).isEqualTo("/proxies");
    assertThat(ApiServer.cleanPath("//proxies/./a/../b")).isEqualTo("/proxies/b");
    assertThat(ApiServer.cleanPath("/")).isEqualTo("/");
    assertThat(HttpListener.decodePath("/proxies/n1->n2?x=1")).isEqualTo("/proxies/n1->n2");
    assertThat(HttpListener.decodePath("/proxies/a%20b")).isEqualTo("/proxies/a b");
    // %2F decodes to '/', so such a name can never be addressed (as with the real server)
    assertThat(HttpListener.decodePath("/proxies/a%2Fb")).isEqualTo("/proxies/a/b");
    assertThat(HttpListener.decodePath("http://host:1/version")).isEqualTo("/version");
  }
}
