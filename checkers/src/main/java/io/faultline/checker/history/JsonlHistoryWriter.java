package io.faultline.checker.history;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a history as JSON Lines while a test runs. Each operation is handed to the operating
 * system as soon as it is appended, so a crash of the harness leaves a readable prefix. Thread
 * safe: clients and the nemesis append concurrently.
 */
public final class JsonlHistoryWriter implements AutoCloseable {
  private final OutputStream out;
  private final JsonGenerator json;

  public JsonlHistoryWriter(Path file) throws IOException {
    this(Files.newOutputStream(file));
  }

  public JsonlHistoryWriter(OutputStream stream) throws IOException {
    this.out = new BufferedOutputStream(stream, 1 << 16);
    this.json = JsonValues.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
    json.setRootValueSeparator(null);
  }

  /** Appends one operation as one line. */
  public synchronized void append(Op op) {
    try {
      writeOp(json, op);
      json.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to history", e);
    }
  }

  /** Writes {@code op} as one JSON object in the DESIGN.md field order. */
  public static void writeOp(JsonGenerator json, Op op) throws IOException {
    json.writeStartObject();
    json.writeNumberField("index", op.index());
    json.writeNumberField("time", op.time());
    if (op.isNemesis()) {
      json.writeStringField("process", "nemesis");
    } else {
      json.writeNumberField("process", op.process());
    }
    json.writeStringField("type", op.type().wireName());
    json.writeStringField("f", op.f());
    if (op.key() != null) {
      json.writeFieldName("key");
      JsonValues.mapper().writeValue(json, op.key());
    }
    json.writeFieldName("value");
    JsonValues.mapper().writeValue(json, op.value());
    if (op.node() != null) {
      json.writeStringField("node", op.node());
    }
    if (op.error() != null) {
      json.writeStringField("error", op.error());
    }
    json.writeEndObject();
  }

  @Override
  public synchronized void close() throws IOException {
    json.close();
    out.close();
  }
}
