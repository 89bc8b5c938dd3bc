package io.faultline.checker.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checker.bench.Corpus;
import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: random structural damage to a real history — lines joined, a line split, the file cut
 * inside a line, a line duplicated, bytes inserted between records — is reported as an error
 * naming a line of the damaged file, and is never read as a shorter or different history.
 *
 * <p>Histories: every file in shared/data/histories (Knossos EDN, Porcupine etcd and kv logs) and
 * two that Faultline recorded itself (test resources: a cas-register run under partitions and
 * kills, a list-append run under kills). Seeded: a failure names the file, damage and seed.
 *
 * <p>The damage a reader cannot tell from a real file is excused, and only this, each checked to
 * be exactly what is excused (the history read must be the original one, or the original plus the
 * one duplicated record):
 *
 * <ul>
 *   <li>EDN (Knossos, Porcupine kv) ignores line breaks between tokens, so joining lines or
 *       splitting one between tokens reads the same records: same history, not a different one.
 *       Likewise a duplicated line that holds only a {@code ;} comment.
 *   <li>EDN: a line split inside a string literal puts a line break into the string, which EDN
 *       allows; the value differs and nothing can tell.
 *   <li>Formats without an index (Knossos EDN without {@code :index}, Porcupine logs): a
 *       duplicated nemesis record, or a duplicated {@code info} completion, is a legal record on
 *       its own (Knossos ignores an {@code info} with no open invocation — crash notices are logged
 *       that way — and Porcupine's parser skips {@code info} lines).
 * </ul>
 *
 * Not generated, because they cannot be detected by any reader: cutting the file at a line
 * boundary (exactly what a crash leaves behind, a shorter well-formed history that DESIGN.md wants
 * readable); inserting only whitespace (blank lines are allowed); and, in EDN, joining a line that
 * ends in a comment to the next, which comments the next out. Junk inserted into EDN avoids
 * {@code ;} and {@code #} for the same reason: a comment or {@code #_} legitimately removes the
 * text after it.
 */
class HistoryDamageTest {
  /** Per file and kind of damage; Faultline's own (JSONL) files are few and get more. */
  private static final int TRIALS_PER_KIND = 3;
  private static final int JSONL_TRIALS_PER_KIND = 60;

  @TempDir Path dir;

  enum Kind { JOIN, SPLIT, TRUNCATE, DUPLICATE, INSERT }

  /**
   * A damaged copy: what was done, where (1-based line of the original, byte offset), the bytes,
   * and the lines of the damaged file a one-record-per-line reader must name: {@code from..to}.
   */
  record Damage(Kind kind, int line, int offset, byte[] bytes, String what, int from, int to) {}

  /** One source history: its bytes, format and records as read undamaged. */
  record Source(String name, byte[] bytes, HistoryFormat format, History history) {
    boolean edn() {
      return format == HistoryFormat.EDN || format == HistoryFormat.PORCUPINE_KV;
    }

    /** Whether every record carries its index, so a duplicate is caught by it. */
    boolean indexed() {
      return format == HistoryFormat.JSONL
          || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).contains(":index");
    }
  }

  @Test
  void damageIsAnErrorWithItsLineNeverAnotherHistory() throws Exception {
    List<Source> sources = sources();
    assertThat(sources).hasSizeGreaterThan(80);
    Map<String, int[]> tally = new TreeMap<>(); // format/kind -> {errors, same, excused}
    List<String> problems = new ArrayList<>();
    long seed = 0;
    for (Source s : sources) {
      for (Kind kind : Kind.values()) {
        int trials = s.format() == HistoryFormat.JSONL ? JSONL_TRIALS_PER_KIND : TRIALS_PER_KIND;
        for (int t = 0; t < trials; t++) {
          seed++;
          Damage d = damage(s, kind, new SplittableRandom(seed));
          if (d == null) {
            continue; // no place for this damage (e.g. a one-line file cannot be joined)
          }
          String where = s.name() + ", " + d.what() + " (seed " + seed + ")";
          int[] count = tally.computeIfAbsent(s.format().id() + " " + kind, k -> new int[3]);
          Object outcome = read(s, d);
          if (outcome instanceof HistoryFormatException e) {
            int lines = lineCount(d.bytes());
            if (e.line() < 1 || e.line() > lines) {
              problems.add(where + ": error without a line of the damaged file: " + e.getMessage());
            }
            if (e.getMessage().chars().anyMatch(Character::isISOControl)) {
              problems.add(where + ": message is not one printable line: " + e.getMessage());
            }
            // One record per line: the error must name the damaged line itself. (EDN may name the
            // line where the damaged map starts, or where the damage first makes no sense.)
            if (!s.edn() && (e.line() < d.from() || e.line() > d.to())) {
              problems.add(where + ": error names line " + e.line() + ", not " + d.from()
                  + (d.to() > d.from() ? "-" + d.to() : "") + ": " + e.getMessage());
            }
            count[0]++;
          } else if (outcome instanceof Throwable failure) {
            problems.add(where + ": not a file:line error but " + failure);
          } else {
            History h = (History) outcome;
            String excuse = excuse(s, d, h);
            if (excuse == null) {
              problems.add(where + ": read as a history of " + h.size() + " records (the original has "
                  + s.history().size() + ") without an error");
            } else if (excuse.equals("same")) {
              count[1]++;
            } else {
              count[2]++;
            }
          }
        }
      }
    }
    StringBuilder table = new StringBuilder("format kind: errors / same history / excused\n");
    tally.forEach((k, v) -> table.append("  ").append(k).append(": ").append(v[0]).append(" / ")
        .append(v[1]).append(" / ").append(v[2]).append('\n'));
    System.out.print(table);
    assertThat(problems).as(table.toString()).isEmpty();
    // The property would hold vacuously if the damage never bit: every kind must give errors.
    Map<Kind, Integer> errors = new EnumMap<>(Kind.class);
    tally.forEach((k, v) -> errors.merge(Kind.valueOf(k.substring(k.indexOf(' ') + 1)), v[0], Integer::sum));
    assertThat(errors).hasSize(Kind.values().length).allSatisfy((k, n) -> assertThat(n).as(k.name()).isPositive());
    // Line-based formats with indices or one record per line excuse nothing but info/nemesis duplicates.
    tally.forEach((k, v) -> {
      if (k.startsWith("jsonl")) {
        assertThat(v[1] + v[2]).as(k).isZero();
      }
      if (k.startsWith("porcupine-etcd") && !k.endsWith("DUPLICATE")) {
        assertThat(v[1] + v[2]).as(k).isZero();
      }
    });
  }

  private Object read(Source s, Damage d) throws Exception {
    Path file = Files.write(dir.resolve("damaged-" + Path.of(s.name()).getFileName()), d.bytes());
    try {
      History h = s.format().read(file, false);
      Pairing.validate(h);
      return h;
    } catch (HistoryFormatException e) {
      return e;
    } catch (java.io.IOException | RuntimeException | StackOverflowError e) {
      return e; // not a file:line refusal: a problem in itself
    }
  }

  /** Why reading {@code damaged} without an error is right, or null when it is not. */
  private static String excuse(Source s, Damage d, History damaged) {
    List<Op> original = s.history().ops();
    if (damaged.ops().equals(original)) {
      boolean commentCopied = d.kind() == Kind.DUPLICATE && s.edn() && commentOnly(s.bytes(), d.line());
      return s.edn() && (d.kind() == Kind.JOIN || d.kind() == Kind.SPLIT) || commentCopied ? "same" : null;
    }
    if (s.edn() && d.kind() == Kind.SPLIT && insideString(s.bytes(), d.offset())) {
      return "line break inside an EDN string";
    }
    if (d.kind() == Kind.DUPLICATE && !s.indexed() && damaged.size() == original.size() + 1) {
      for (int i = 0; i < damaged.size(); i++) {
        List<Op> without = new ArrayList<>(damaged.ops());
        Op extra = without.remove(i);
        if (renumbered(without).equals(renumbered(original)) && (extra.isNemesis() || extra.type() == OpType.INFO)) {
          return "duplicated " + (extra.isNemesis() ? "nemesis" : "info") + " record";
        }
      }
    }
    return null;
  }

  /** Whether 1-based line {@code line} of EDN text holds only a comment. */
  private static boolean commentOnly(byte[] b, int line) {
    int[] l = lines(b).get(line - 1);
    int first = firstNonSpace(b, l);
    return first < l[2] && b[first] == ';' && !insideString(b, first);
  }

  private static List<Op> renumbered(List<Op> ops) {
    List<Op> out = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      out.add(ops.get(i).withIndex(i));
    }
    return out;
  }

  /** Whether byte {@code offset} of EDN text lies inside a string literal. */
  static boolean insideString(byte[] text, int offset) {
    return lexical(text, offset) == STRING;
  }

  /** Whether byte {@code offset} of EDN text lies inside a {@code ;} comment. */
  static boolean insideComment(byte[] text, int offset) {
    return lexical(text, offset) == COMMENT;
  }

  private static final int CODE = 0;
  private static final int STRING = 1;
  private static final int COMMENT = 2;

  private static int lexical(byte[] text, int offset) {
    int state = CODE;
    for (int i = 0; i < offset; i++) {
      byte b = text[i];
      if (state == COMMENT) {
        state = b == '\n' ? CODE : COMMENT;
      } else if (state == STRING) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          state = CODE;
        }
      } else if (b == ';') {
        state = COMMENT;
      } else if (b == '\\') {
        i++; // a character literal such as \" is no quote
      } else if (b == '"') {
        state = STRING;
      }
    }
    return state;
  }

  // ---- damage ----

  static Damage damage(Source s, Kind kind, SplittableRandom rnd) {
    byte[] b = s.bytes();
    List<int[]> lines = lines(b); // {start, end (exclusive, before '\n'), lastNonSpace + 1}
    List<Integer> content = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int[] l = lines.get(i);
      if (l[2] - firstNonSpace(b, l) >= 2) {
        content.add(i);
      }
    }
    if (content.isEmpty()) {
      return null;
    }
    int k = content.get(rnd.nextInt(content.size()));
    int[] l = lines.get(k);
    switch (kind) {
      case JOIN -> {
        List<Integer> joinable = new ArrayList<>();
        for (int i : content) {
          boolean commentRunsOn = s.edn() && insideComment(b, lines.get(i)[1]);
          if (i + 1 < lines.size() && lines.get(i)[1] < b.length && lines.get(i + 1)[2] > lines.get(i + 1)[0]
              && !commentRunsOn) {
            joinable.add(i);
          }
        }
        if (joinable.isEmpty()) {
          return null;
        }
        int j = joinable.get(rnd.nextInt(joinable.size()));
        int at = lines.get(j)[1];
        return new Damage(kind, j + 1, at, splice(b, at, 1, new byte[0]), "line " + (j + 1) + " joined to the next",
            j + 1, j + 1);
      }
      case SPLIT -> {
        int at = inside(b, l, rnd);
        return new Damage(kind, k + 1, at, splice(b, at, 0, new byte[] {'\n'}),
            "line " + (k + 1) + " split at byte " + (at - l[0]), k + 1, k + 1);
      }
      case TRUNCATE -> {
        int at = inside(b, l, rnd);
        byte[] cut = java.util.Arrays.copyOf(b, at);
        return new Damage(kind, k + 1, at, cut, "file cut inside line " + (k + 1) + " at byte " + (at - l[0]),
            k + 1, k + 1);
      }
      case DUPLICATE -> {
        byte[] copy = java.util.Arrays.copyOfRange(b, l[0], Math.min(b.length, l[1] + 1));
        if (copy[copy.length - 1] != '\n') {
          copy = java.util.Arrays.copyOf(copy, copy.length + 1);
          copy[copy.length - 1] = '\n';
          return new Damage(kind, k + 1, l[0], splice(b, b.length, 0, prepend((byte) '\n', copy)),
              "line " + (k + 1) + " duplicated", k + 2, k + 2);
        }
        return new Damage(kind, k + 1, l[1] + 1, splice(b, l[1] + 1, 0, copy), "line " + (k + 1) + " duplicated",
            k + 2, k + 2);
      }
      case INSERT -> {
        // Between records: before the first character of a line that starts one, or after the last
        // character of a line that ends one.
        List<Integer> places = new ArrayList<>();
        for (int i : content) {
          int[] li = lines.get(i);
          int first = firstNonSpace(b, li);
          if (startsRecord(s, b[first])) {
            places.add(first);
          }
          if (endsRecord(s, b[li[2] - 1])) {
            places.add(li[2]);
          }
        }
        if (places.isEmpty()) {
          return null;
        }
        int at = places.get(rnd.nextInt(places.size()));
        byte[] junk = junk(s, rnd);
        int line = lineOf(b, at);
        return new Damage(kind, line, at, splice(b, at, 0, junk), "junk " + hex(junk) + " inserted at byte " + at,
            line, line + lineOf(junk, junk.length) - 1);
      }
      default -> throw new AssertionError(kind);
    }
  }

  private static String hex(byte[] junk) {
    StringBuilder h = new StringBuilder();
    for (byte x : junk) {
      h.append(String.format("%02x", x & 0xff));
    }
    return h.toString();
  }

  private static boolean startsRecord(Source s, byte c) {
    return s.format() == HistoryFormat.PORCUPINE_ETCD ? c == 'I' : c == '{';
  }

  private static boolean endsRecord(Source s, byte c) {
    return s.format() == HistoryFormat.PORCUPINE_ETCD || c == '}' || c == ']' || c == ')';
  }

  /**
   * 1–6 random bytes, not all spaces, tabs and line breaks (and commas, for EDN: its whitespace);
   * for EDN without ';' and '#' (comment and discard).
   */
  private static byte[] junk(Source s, SplittableRandom rnd) {
    while (true) {
      byte[] j = new byte[1 + rnd.nextInt(6)];
      boolean visible = false;
      boolean allowed = true;
      for (int i = 0; i < j.length; i++) {
        j[i] = (byte) rnd.nextInt(256);
        visible |= j[i] != ' ' && j[i] != '\t' && j[i] != '\n' && j[i] != '\r' && !(s.edn() && j[i] == ',');
        allowed &= !s.edn() || (j[i] != ';' && j[i] != '#');
      }
      if (visible && allowed) {
        return j;
      }
    }
  }

  /** A byte offset strictly inside line {@code l}'s content: after its first character, before its last. */
  private static int inside(byte[] b, int[] l, SplittableRandom rnd) {
    int first = firstNonSpace(b, l);
    return first + 1 + rnd.nextInt(l[2] - first - 1);
  }

  private static int firstNonSpace(byte[] b, int[] l) {
    int i = l[0];
    while (i < l[2] && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r')) {
      i++;
    }
    return i;
  }

  static List<int[]> lines(byte[] b) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == '\n') {
        if (i == b.length && start == b.length) {
          break;
        }
        int last = i;
        while (last > start && (b[last - 1] == ' ' || b[last - 1] == '\t' || b[last - 1] == '\r')) {
          last--;
        }
        out.add(new int[] {start, i, last});
        start = i + 1;
      }
    }
    return out;
  }

  private static int lineOf(byte[] b, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (b[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int lineCount(byte[] b) {
    return Math.max(1, lines(b).size());
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + insert.length);
    out.write(b, 0, at);
    out.writeBytes(insert);
    out.write(b, at + remove, b.length - at - remove);
    return out.toByteArray();
  }

  private static byte[] prepend(byte first, byte[] rest) {
    byte[] out = new byte[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  // ---- sources ----

  private static List<Source> sources() throws Exception {
    List<Source> out = new ArrayList<>();
    for (Corpus.Entry e : Corpus.load(Path.of(System.getProperty("faultline.shared", "../../shared")))) {
      byte[] bytes = Files.readAllBytes(e.file());
      if (bytes.length > 0) {
        out.add(new Source(e.relative(), bytes, e.format(), e.format().read(e.file(), false)));
      }
    }
    for (String name : List.of("faultline-cas-register-partition-kill.jsonl", "faultline-list-append-kill.jsonl")) {
      Path p = resource(name);
      out.add(new Source(name, Files.readAllBytes(p), HistoryFormat.JSONL, JsonlHistoryReader.read(p)));
    }
    return out;
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(HistoryDamageTest.class.getResource("/histories/" + name).toURI());
  }
}
