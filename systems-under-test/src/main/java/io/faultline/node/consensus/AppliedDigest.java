package io.faultline.node.consensus;

/**
 * One checkpoint of the applied log's digest chain: after applying index {@code index}, the chain
 * stood at {@code digest} (32 lowercase hex digits, 128 bits). Two replicas that applied the same
 * commands at indices 1..index report the same digest; one different command anywhere below makes
 * them differ from there on.
 */
public record AppliedDigest(long index, String digest) {}
