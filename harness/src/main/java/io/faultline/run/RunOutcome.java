package io.faultline.run;

import java.nio.file.Path;

/** What a finished run produced: its folder and its judgement. */
public record RunOutcome(Path runDir, Judgement judgement) {}
