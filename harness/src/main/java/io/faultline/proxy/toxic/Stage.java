package io.faultline.proxy.toxic;

import java.util.ArrayList;
import java.util.List;

/**
 * One toxic's place in one direction of one connection. The base class owns what every type
 * shares: the per-connection toxicity roll (re-rolled whenever the toxic is updated, so the decision
 * is per connection and direction, never per chunk), the end-of-input bookkeeping (after a stage
 * has passed on the end, anything still arriving is dropped), and the update/remove protocol.
 *
 * <p>Subclasses implement the toxic while it is active. Single-threaded, like everything on a link.
 */
public abstract class Stage implements Sink {
  /** What a stage still held when it was interrupted, to be fed again or passed on. */
  protected record Backlog(List<Chunk> chunks, boolean end) {
    static final Backlog EMPTY = new Backlog(List.of(), false);
  }

  protected final StageContext ctx;
  protected Toxic toxic;
  private Sink next;
  private boolean active;
  private boolean ended;

  protected Stage(StageContext ctx, Toxic toxic, Sink next) {
    this.ctx = ctx;
    this.toxic = toxic;
    this.next = next;
  }

  /** Rolls the toxicity and starts the stage; call once after construction. */
  public final void start() {
    roll();
    if (active) {
      onStart();
    }
  }

  public final Toxic toxic() {
    return toxic;
  }

  public final boolean active() {
    return active;
  }

  public final void setNext(Sink next) {
    this.next = next;
  }

  public final Sink next() {
    return next;
  }

  @Override
  public final void chunk(Chunk chunk) {
    if (ended) {
      ctx.discard(chunk);
    } else if (active) {
      onChunk(chunk);
    } else {
      next.chunk(chunk);
    }
  }

  @Override
  public final void end() {
    if (ended) {
      return;
    }
    if (active) {
      onEnd();
    } else {
      emitEnd();
    }
  }

  /** The toxic changed: the running stage is interrupted, takes the new values and re-rolls. */
  public final void update(Toxic updated) {
    Backlog backlog = active ? interrupt() : Backlog.EMPTY;
    toxic = updated;
    roll();
    if (active) {
      onStart();
    }
    backlog.chunks().forEach(this::chunk);
    if (backlog.end()) {
      end();
    }
  }

  /**
   * The toxic was removed. By default whatever the stage holds is passed on (nothing is dropped);
   * the caller relinks the previous stage to {@link #next()} afterwards.
   */
  public void remove() {
    if (!active) {
      return;
    }
    Backlog backlog = interrupt();
    active = false;
    backlog.chunks().forEach(this::emit);
    if (backlog.end()) {
      emitEnd();
    }
  }

  protected final void emit(Chunk chunk) {
    if (ended) {
      ctx.discard(chunk);
    } else {
      next.chunk(chunk);
    }
  }

  /** Ends the output of this stage: the link closes once the end reaches the writer. */
  protected final void emitEnd() {
    if (!ended) {
      ended = true;
      next.end();
    }
  }

  protected final boolean ended() {
    return ended;
  }

  private void roll() {
    // Same test as the real server: a float in [0,1) below toxicity means the toxic acts.
    active = ctx.random().nextFloat() < toxic.toxicity();
  }

  /** Called when the stage starts (or restarts after an update) and is active. */
  protected void onStart() {}

  protected abstract void onChunk(Chunk chunk);

  protected abstract void onEnd();

  /**
   * Stops timers, passes on the piece in progress (as the real stage does when interrupted) and
   * returns what was still waiting, to be processed again with the new values.
   */
  protected abstract Backlog interrupt();

  protected static List<Chunk> copy(java.util.Collection<Chunk> chunks) {
    return new ArrayList<>(chunks);
  }
}
