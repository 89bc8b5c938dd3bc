package io.faultline.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.node.consensus.DefiniteFailureException;
import io.faultline.node.kv.KvCodec;
import io.faultline.node.kv.KvResult;
import io.faultline.node.kv.MicroOp;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Maps state-machine results and protocol failures to the HTTP status codes the harness's client
 * relies on (DESIGN.md): 200 ok, 412 cas-mismatch (definite), 503 unavailable ONLY for a
 * {@link DefiniteFailureException}, 504 indeterminate for anything whose outcome is unknown.
 */
final class KvResponses {
  private KvResponses() {}

  /** A status code and a JSON body. */
  record Reply(int status, JsonNode body) {}

  static Reply ok() {
    return new Reply(200, object().put("ok", true));
  }

  static Reply error(int status, String error) {
    return new Reply(status, object().put("error", error));
  }

  /**
   * @param requestOps the ops as the client sent them, so a transaction's reply echoes the
   *     client's own key spelling (string or integer); null for non-transactions
   */
  static Reply fromResult(byte[] output, List<JsonNode> requestOps) {
    KvResult result = KvCodec.decodeResult(output);
    if (result instanceof KvResult.Written) {
      return ok();
    } else if (result instanceof KvResult.Value v) {
      ObjectNode body = object();
      body.set("value", v.value());
      return new Reply(200, body);
    } else if (result instanceof KvResult.CasMismatch m) {
      ObjectNode body = object().put("error", "cas-mismatch");
      body.set("actual", m.actual());
      return new Reply(412, body);
    } else if (result instanceof KvResult.TxnDone t) {
      ObjectNode body = object();
      ArrayNode ops = body.putArray("ops");
      for (int i = 0; i < t.ops().size(); i++) {
        MicroOp op = t.ops().get(i);
        ArrayNode triple = ops.addArray();
        triple.add(op.kind().spelling());
        triple.add(requestOps != null && i < requestOps.size() ? requestOps.get(i) : KvCodec.JSON.getNodeFactory().textNode(op.key()));
        triple.add(op.value());
      }
      return new Reply(200, body);
    } else if (result instanceof KvResult.Rejected r) {
      return error(400, r.reason());
    } else if (result instanceof KvResult.Expired) {
      return indeterminate("duplicate of a request whose result was forgotten");
    }
    throw new IllegalStateException("unhandled result " + result);
  }

  static Reply fromFailure(Throwable failure, int timeoutMs) {
    Throwable cause = unwrap(failure);
    if (cause instanceof DefiniteFailureException) {
      return new Reply(503, object().put("error", "unavailable").put("reason", cause.getMessage()));
    }
    if (cause instanceof TimeoutException) {
      return indeterminate("no outcome within " + timeoutMs + " ms");
    }
    // The reason is for people reading the history; it names the protocol's failure, not a class.
    String message = cause.getMessage();
    return indeterminate(message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
  }

  private static Reply indeterminate(String reason) {
    return new Reply(504, object().put("error", "indeterminate").put("reason", reason));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static ObjectNode object() {
    return KvCodec.JSON.createObjectNode();
  }
}
