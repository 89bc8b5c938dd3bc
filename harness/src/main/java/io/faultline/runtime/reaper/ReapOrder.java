package io.faultline.runtime.reaper;

/**
 * What the harness tells its reaper, one line each on the reaper's standard input (short lines, so
 * each write to the pipe is atomic). {@link #encode()} and {@link #parse} are the one codec.
 */
public sealed interface ReapOrder {

  /** The line sent, without its newline. */
  String encode();

  /**
   * Kill this process (and its descendants) if the harness goes: the pid, and its start time in
   * epoch milliseconds so a pid the system has since given to another process is left alone.
   */
  record WatchProcess(long pid, long startMillis) implements ReapOrder {
    @Override
    public String encode() {
      return "process " + pid + " " + startMillis;
    }
  }

  /** The process has exited (the harness reaped it): nothing to do for it any more. */
  record ForgetProcess(long pid) implements ReapOrder {
    @Override
    public String encode() {
      return "forget " + pid;
    }
  }

  /**
   * Kill every process whose environment holds {@code name=value} (the run's marker, which the
   * runtime gives each node): catches what a node forked, and a node started a moment before the
   * harness died and had not been announced yet. Linux only ({@code /proc/PID/environ}).
   */
  record WatchEnvironment(String name, String value) implements ReapOrder {
    public WatchEnvironment {
      token(name, "environment variable name");
      token(value, "environment value");
    }

    @Override
    public String encode() {
      return "environment " + name + " " + value;
    }
  }

  /** Remove every Docker container, then every network, labelled {@code label=value}. */
  record WatchDocker(String label, String value) implements ReapOrder {
    public WatchDocker {
      token(label, "label");
      token(value, "label value");
    }

    @Override
    public String encode() {
      return "docker " + label + " " + value;
    }
  }

  /** The harness cleaned up everything itself: when the lifeline ends, do nothing. */
  record Released() implements ReapOrder {
    @Override
    public String encode() {
      return "released";
    }
  }

  /** Reads one line; throws {@link IllegalArgumentException} naming what is wrong with it. */
  static ReapOrder parse(String line) {
    String[] f = line.strip().split(" ");
    try {
      return switch (f[0]) {
        case "process" -> {
          expect(f, 3, line);
          yield new WatchProcess(Long.parseLong(f[1]), Long.parseLong(f[2]));
        }
        case "forget" -> {
          expect(f, 2, line);
          yield new ForgetProcess(Long.parseLong(f[1]));
        }
        case "environment" -> {
          expect(f, 3, line);
          yield new WatchEnvironment(f[1], f[2]);
        }
        case "docker" -> {
          expect(f, 3, line);
          yield new WatchDocker(f[1], f[2]);
        }
        case "released" -> {
          expect(f, 1, line);
          yield new Released();
        }
        default -> throw new IllegalArgumentException("unknown reaper order '" + line + "'");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("reaper order '" + line + "': not a number: " + e.getMessage());
    }
  }

  private static void expect(String[] fields, int n, String line) {
    if (fields.length != n) {
      throw new IllegalArgumentException("reaper order '" + line + "': expected " + n + " fields, got " + fields.length);
    }
  }

  private static void token(String s, String what) {
    if (s == null || s.isEmpty() || !s.matches("[A-Za-z0-9_.:/=+-]+")) {
      throw new IllegalArgumentException(what + " must be a non-empty token of letters, digits and _.:/=+-, was '"
          + s + "'");
    }
  }
}
