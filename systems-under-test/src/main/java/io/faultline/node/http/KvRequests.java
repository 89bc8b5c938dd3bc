package io.faultline.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.MicroOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns HTTP request bodies into the pieces of KV commands, validating every field; errors are
 * {@link BadRequestException}s whose message names the field.
 */
final class KvRequests {
  private KvRequests() {}

  static JsonNode parseObject(byte[] body) throws BadRequestException {
    JsonNode node;
    try {
      node = KvCodec.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequestException("malformed JSON body: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadRequestException("unreadable body: " + e.getMessage());
    }
    if (node == null || node.isMissingNode() || !node.isObject()) {
      throw new BadRequestException("body must be a JSON object");
    }
    return node;
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
    if (key.isTextual() && !key.asText().isEmpty()) {
      return key.asText();
    }
    if (key.isIntegralNumber()) {
      return key.asText();
    }
    throw new BadRequestException(where + " must be a non-empty string or an integer key");
  }
}
