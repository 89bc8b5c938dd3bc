package io.faultline.node.paxos;

/**
 * A Paxos ballot: a round number made unique by the proposing node's index. Ballots are totally
 * ordered by round, then node; {@link #ZERO} is below every ballot a node can use.
 */
public record Ballot(long round, int node) implements Comparable<Ballot> {
  public static final Ballot ZERO = new Ballot(0, -1);

  @Override
  public int compareTo(Ballot other) {
    int byRound = Long.compare(round, other.round);
    return byRound != 0 ? byRound : Integer.compare(node, other.node);
  }

  public boolean greaterThan(Ballot other) {
    return compareTo(other) > 0;
  }

  public boolean atLeast(Ballot other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return round + "." + node;
  }
}
