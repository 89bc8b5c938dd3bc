package io.faultline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point behind {@code ./faultline}. Each subcommand is its own class; this class only
 * wires them together and maps uncaught failures to exit code 3 (the harness itself failed) with a
 * one-line message instead of a stack trace.
 */
@Command(
    name = "faultline",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Jepsen-style correctness and chaos testing for replicated systems.",
    subcommands = {
      TestCommand.class,
      HuntCommand.class,
      AnalyzeCommand.class,
      CheckCommand.class,
      ServeCommand.class,
      ToxiproxyCommand.class,
    })
public final class Main implements Runnable {
  /** Exit codes shared by every command (DESIGN.md). */
  public static final int EXIT_VALID = 0;
  public static final int EXIT_INVALID = 1;
  public static final int EXIT_UNKNOWN = 2;
  public static final int EXIT_HARNESS_FAILED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code; used by tests and by {@link #main}. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("faultline: " + describe(ex));
          if (System.getenv("FAULTLINE_DEBUG") != null) {
            ex.printStackTrace(commandLine.getErr());
          }
          return EXIT_HARNESS_FAILED;
        });
    // Bad flags are a bad configuration: exit 3, as DESIGN.md says for the harness failing.
    cli.setParameterExceptionHandler(
        (ex, parsedArgs) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("faultline: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return EXIT_HARNESS_FAILED;
        });
    return cli.execute(args);
  }

  private static String describe(Throwable ex) {
    String message = ex.getMessage();
    return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"faultline " + (v == null ? "dev" : v)};
    }
  }
}
