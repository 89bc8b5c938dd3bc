package io.faultline.node.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.MicroOp;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns HTTP request paths and bodies into the pieces of KV commands, validating every field;
 * errors are {@link BadRequestException}s whose message names the field.
 */
final class KvRequests {
  private KvRequests() {}

  /**
   * The body as one JSON object and nothing else: {@code {"value":3}{"value":4}} or {@code
   * {"value":3} junk} is a 400, not a put of 3 (whitespace after the object is fine).
   */
  static JsonNode parseObject(byte[] body) throws BadRequestException {
    JsonNode node;
    try (JsonParser parser = KvCodec.JSON.createParser(body)) {
      node = KvCodec.JSON.readTree(parser);
      if (node == null || node.isMissingNode() || !node.isObject()) {
        throw new BadRequestException("body must be a JSON object");
      }
      long end = parser.getCurrentLocation().getByteOffset();
      try {
        if (parser.nextToken() != null) {
          throw trailing(end);
        }
      } catch (JsonProcessingException e) {
        throw trailing(end);
      }
    } catch (JsonProcessingException e) {
      throw new BadRequestException("malformed JSON body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadRequestException("unreadable body: " + e.getMessage());
    }
    return node;
  }

  private static BadRequestException trailing(long offset) {
    return new BadRequestException("unexpected data after the JSON object (at byte " + offset + " of the body)");
  }

  static JsonNode field(JsonNode body, String name) throws BadRequestException {
    JsonNode value = body.get(name);
    if (value == null) {
      throw new BadRequestException("missing field \"" + name + "\"");
    }
    return value;
  }

  /** Parses {@code {"ops": [[f, k, v], ...]}}; keys may be strings or integers. */
  static List<MicroOp> ops(JsonNode body) throws BadRequestException {
    JsonNode ops = field(body, "ops");
    if (!ops.isArray()) {
      throw new BadRequestException("field \"ops\" must be an array of [f, key, value]");
    }
    List<MicroOp> result = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      JsonNode op = ops.get(i);
      if (!op.isArray() || op.size() < 2 || op.size() > 3) {
        throw new BadRequestException("ops[" + i + "] must be [f, key, value]");
      }
      if (!op.get(0).isTextual()) {
        throw new BadRequestException("ops[" + i + "][0] must be \"r\", \"w\" or \"append\"");
      }
      MicroOp.Kind kind;
      try {
        kind = MicroOp.Kind.parse(op.get(0).asText());
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("ops[" + i + "][0]: " + e.getMessage());
      }
      result.add(new MicroOp(kind, key(op.get(1), "ops[" + i + "][1]"), op.size() == 3 ? op.get(2) : null));
    }
    return result;
  }

  static String key(JsonNode key, String where) throws BadRequestException {
    if ((key.isTextual() && !key.asText().isEmpty()) || key.isIntegralNumber()) {
      return checkLength(key.asText(), where);
    }
    throw new BadRequestException(where + " must be a non-empty string or an integer key");
  }

  /** The key in {@code /kv/{key}}, percent-decoded (a {@code +} is a plus, not a space). */
  static String pathKey(String raw) throws BadRequestException {
    if (raw.isEmpty()) {
      throw new BadRequestException("empty key in path");
    }
    if (raw.contains("/")) {
      throw new BadRequestException(404, "no such path: /kv/" + raw);
    }
    String key;
    try {
      key = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("bad percent-encoding in key: " + abbreviate(raw));
    }
    return checkLength(key, "key");
  }

  private static String checkLength(String key, String where) throws BadRequestException {
    long bytes = KvCodec.keyBytes(key);
    if (bytes > KvCodec.MAX_KEY_BYTES) {
      throw new BadRequestException(where + " of " + bytes + " bytes exceeds the limit of " + KvCodec.MAX_KEY_BYTES + " bytes");
    }
    return key;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " characters)";
  }
}
