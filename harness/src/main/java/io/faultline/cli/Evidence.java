package io.faultline.cli;

import io.faultline.checker.CheckResult;
import io.faultline.checker.Verdict;
import io.faultline.checker.history.JsonValues;
import java.io.IOException;

/** A one-line taste of a failing checker's evidence for the terminal; the report has the rest. */
final class Evidence {
  private Evidence() {}

  static String brief(CheckResult result) {
    if (result.verdict() == Verdict.VALID) {
      return "";
    }
    try {
      String json = JsonValues.mapper().writeValueAsString(result.details());
      return " " + (json.length() > 400 ? json.substring(0, 400) + "..." : json);
    } catch (IOException e) {
      return "";
    }
  }
}
