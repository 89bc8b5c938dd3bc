package io.faultline.runtime.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A root file system for a {@code FROM scratch} image that runs one Java program: a jlink runtime
 * in {@code /opt/java} made from the harness's own JDK, the host's glibc libraries it links
 * against (found with {@code ldd}), and the few files the JVM wants ({@code /etc/passwd},
 * {@code /tmp}, the C.UTF-8 locale). docs/docker-offline.md §4 gives the recipe and why each file
 * is there.
 */
final class JavaRootfs {
  /** What the node and our Toxiproxy server need (jdeps on both jars), plus logging and HTTP client. */
  static final String MODULES =
      "java.base,java.desktop,java.logging,java.management,java.net.http,java.sql,jdk.httpserver,jdk.unsupported";
  private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[.\\d]*)");

  private JavaRootfs() {}

  /** The jlink tool of the running JDK, or a clear error when the harness runs on a bare JRE. */
  static Path jlink() throws DockerUnavailableException {
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    if (!Files.isExecutable(jlink)) {
      throw new DockerUnavailableException("cannot build the node image: no jlink in " + System.getProperty("java.home")
          + " (run the harness on a full JDK, or pass --docker-base-image with a Java image you have locally)");
    }
    return jlink;
  }

  /** Writes the root file system into {@code root} (which must not exist yet). */
  static void build(Path root) throws IOException, InterruptedException {
    Path java = root.resolve("opt/java");
    Files.createDirectories(java.getParent());
    run(List.of(jlink().toString(), "--add-modules", MODULES, "--strip-debug", "--no-header-files",
        "--no-man-pages", "--compress=2", "--output", java.toString()));
    for (String lib : libraries(java)) {
      Path target = root.resolve(lib.substring(1));
      Files.createDirectories(target.getParent());
      Files.copy(Path.of(lib), target, StandardCopyOption.REPLACE_EXISTING); // follows symlinks
    }
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n", StandardCharsets.UTF_8);
    Files.writeString(etc.resolve("group"), "root:x:0:\n", StandardCharsets.UTF_8);
    Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n", StandardCharsets.UTF_8);
    Files.createDirectories(root.resolve("root"));
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path locale = Path.of("/usr/lib/locale/C.utf8");
    if (Files.isDirectory(locale)) {
      copyTree(locale, root.resolve("usr/lib/locale/C.utf8"));
    }
  }

  /** Every shared library {@code ldd} names for the launcher and the runtime's own libraries. */
  private static List<String> libraries(Path java) throws IOException, InterruptedException {
    List<String> binaries = new ArrayList<>();
    binaries.add(java.resolve("bin/java").toString());
    try (Stream<Path> files = Files.walk(java.resolve("lib"))) {
      files.filter(p -> p.toString().endsWith(".so")).forEach(p -> binaries.add(p.toString()));
    }
    List<String> cmd = new ArrayList<>(List.of("ldd"));
    cmd.addAll(binaries);
    TreeSet<String> libs = new TreeSet<>();
    // ldd exits non-zero when one argument is not dynamic; its output is still complete.
    for (String line : output(cmd).split("\n")) {
      if (line.contains("not found")) {
        // The runtime's own libraries (libjvm.so, libjava.so) are found through its RUNPATH at run
        // time even where ldd, given a single file, does not see them.
        String name = line.strip().split("\\s+")[0];
        if (!ownLibrary(java, name)) {
          throw new IOException("cannot build the node image: ldd reports a missing library: " + line.strip());
        }
        continue;
      }
      if (line.endsWith(":")) {
        continue; // the header naming each binary
      }
      Matcher m = LIBRARY.matcher(line);
      while (m.find()) {
        String lib = m.group(1);
        if (!lib.startsWith(java.toString())) {
          libs.add(lib);
        }
      }
    }
    return List.copyOf(libs);
  }

  private static boolean ownLibrary(Path java, String name) throws IOException {
    try (Stream<Path> files = Files.walk(java.resolve("lib"))) {
      return files.anyMatch(p -> p.getFileName().toString().equals(name));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("cannot build the node image: " + cmd.get(0) + " failed: " + out.strip());
    }
  }

  private static String output(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
