package io.faultline.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Images built on this machine, never pulled: one Java program ({@code java -jar app.jar args}) per
 * image, tagged {@code <repository>:<hash>} where the hash covers the jar's bytes and the whole
 * recipe, so an unchanged jar reuses the image and a changed one gets a new tag. By default the
 * image is {@code FROM scratch} with a {@link JavaRootfs}; with a base image (which must have
 * {@code java} on its PATH and be present locally) it is that base plus the jar.
 */
final class LocalImages {
  static final String SHOPIFY_TOXIPROXY = "ghcr.io/shopify/toxiproxy";

  private final DockerClient docker;
  private final String baseImage;
  private Path rootfs;

  /** @param baseImage null for {@code FROM scratch} + jlink */
  LocalImages(DockerClient docker, String baseImage) {
    this.docker = docker;
    this.baseImage = baseImage;
  }

  /** The tag of the image running {@code jar} with these options, built first unless it exists. */
  synchronized String ensure(String repository, Path jar, List<String> javaOptions, List<String> args)
      throws IOException, InterruptedException {
    String dockerfile = dockerfile(javaOptions, args);
    String tag = repository + ":" + hash(dockerfile, jar);
    if (exists(tag)) {
      return tag;
    }
    if (baseImage != null && !exists(baseImage)) {
      throw new DockerUnavailableException("--docker-base-image " + baseImage
          + ": no such image on this machine (images are never pulled; build or load it first)");
    }
    ImageFromDockerfile image = new ImageFromDockerfile(tag, false)
        .withFileFromString("Dockerfile", dockerfile)
        .withFileFromPath("app.jar", jar);
    if (baseImage == null) {
      image = image.withFileFromPath("rootfs", rootfs());
    }
    try {
      image.get();
    } catch (RuntimeException e) {
      throw new IOException("building image " + tag + " failed: " + rootMessage(e), e);
    }
    removeOlderTags(repository, tag);
    return tag;
  }

  /** Each harness or node build makes a new tag; drop the stale ones so images do not pile up. */
  private void removeOlderTags(String repository, String keep) {
    for (Image image : docker.listImagesCmd().withImageNameFilter(repository).exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.startsWith(repository + ":") && !tag.equals(keep) && !tag.equals(baseImage)) {
          try {
            docker.removeImageCmd(tag).exec();
          } catch (RuntimeException e) {
            // In use by a container of another run: keep it.
          }
        }
      }
    }
  }

  /** A locally present Shopify Toxiproxy image, preferred over building our own. */
  Optional<String> shopifyToxiproxy() {
    List<Image> images = docker.listImagesCmd().withImageNameFilter(SHOPIFY_TOXIPROXY).exec();
    return images.stream().flatMap(i -> i.getRepoTags() == null ? Stream.empty() : Stream.of(i.getRepoTags()))
        .filter(t -> t.startsWith(SHOPIFY_TOXIPROXY + ":")).sorted().findFirst();
  }

  boolean exists(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  String dockerfile(List<String> javaOptions, List<String> args) {
    String java = baseImage == null ? "/opt/java/bin/java" : "java";
    String entry = Stream.of(List.of(java), javaOptions, List.of("-jar", "/app/app.jar"), args)
        .flatMap(List::stream).map(s -> "\"" + s.replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
    StringBuilder sb = new StringBuilder();
    if (baseImage == null) {
      sb.append("FROM scratch\nCOPY rootfs/ /\nENV LANG=C.UTF-8 PATH=/opt/java/bin\n");
      // The runtime is made from the harness's JDK: its version is part of the recipe.
      sb.append("LABEL io.faultline.jdk=\"").append(System.getProperty("java.runtime.version"))
          .append("\" io.faultline.modules=\"").append(JavaRootfs.MODULES).append("\"\n");
    } else {
      sb.append("FROM ").append(baseImage).append('\n');
    }
    sb.append("COPY app.jar /app/app.jar\nENTRYPOINT ").append(entry).append('\n');
    return sb.toString();
  }

  static String hash(String recipe, Path jar) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(recipe.getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(jar)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** Builds the jlink root file system once per instance, in a temporary folder. */
  private Path rootfs() throws IOException, InterruptedException {
    if (rootfs == null) {
      Path dir = Files.createTempDirectory("faultline-rootfs");
      JavaRootfs.build(dir.resolve("fs"));
      rootfs = dir.resolve("fs");
    }
    return rootfs;
  }

  /** Deletes the temporary root file system, if one was made. */
  synchronized void cleanUp() {
    if (rootfs == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(rootfs.getParent())) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
    rootfs = null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
