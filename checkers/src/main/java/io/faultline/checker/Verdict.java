package io.faultline.checker;

/**
 * A three-valued verdict. Verdicts compose: invalid beats unknown beats valid.
 */
public enum Verdict {
  VALID,
  INVALID,
  UNKNOWN;

  /** The composition of two verdicts: invalid beats unknown beats valid. */
  public Verdict and(Verdict other) {
    if (this == INVALID || other == INVALID) {
      return INVALID;
    }
    if (this == UNKNOWN || other == UNKNOWN) {
      return UNKNOWN;
    }
    return VALID;
  }

  /** The JSON value of {@code "valid"} in results.json: true, false or "unknown". */
  public Object toJson() {
    switch (this) {
      case VALID:
        return Boolean.TRUE;
      case INVALID:
        return Boolean.FALSE;
      default:
        return "unknown";
    }
  }

  /** Process exit code of a run with this verdict (DESIGN.md): 0 valid, 1 invalid, 2 unknown. */
  public int exitCode() {
    switch (this) {
      case VALID:
        return 0;
      case INVALID:
        return 1;
      default:
        return 2;
    }
  }
}
