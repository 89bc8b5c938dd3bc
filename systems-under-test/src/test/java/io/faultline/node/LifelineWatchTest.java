package io.faultline.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifelineWatchTest {

  @Test
  void runsOnEndOnlyOnceTheStreamEnds() throws Exception {
    PipedOutputStream parent = new PipedOutputStream();
    PipedInputStream lifeline = new PipedInputStream(parent);
    CountDownLatch ended = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    Thread watch = LifelineWatch.start(new InputStream() {
      @Override
      public int read() throws IOException {
        return lifeline.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = lifeline.read(b, off, len);
        read.countDown();
        return n;
      }
    }, ended::countDown);
    parent.write("anything".getBytes());
    parent.flush();
    assertThat(read.await(10, TimeUnit.SECONDS)).as("the watch read the bytes").isTrue();
    assertThat(ended.getCount()).as("bytes on the lifeline do not end it").isEqualTo(1);
    parent.close();
    assertThat(ended.await(10, TimeUnit.SECONDS)).as("end of stream ends the lifeline").isTrue();
    watch.join(10_000);
    assertThat(watch.isAlive()).isFalse();
    assertThat(watch.isDaemon()).isTrue();
  }

  @Test
  void aFailingReadEndsItToo() throws Exception {
    CountDownLatch ended = new CountDownLatch(1);
    LifelineWatch.start(new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("broken pipe");
      }
    }, ended::countDown);
    assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
