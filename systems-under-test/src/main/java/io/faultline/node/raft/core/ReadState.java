package io.faultline.node.raft.core;

/**
 * A read request ({@code ctx}) the leader confirmed: it may be answered from local state as soon
 * as the applied index reaches {@code index}.
 */
public record ReadState(long ctx, long index) {}
