package io.faultline.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test that runs Faultline: {@code @Test} with {@link FaultlineExtension} and the tag
 * {@code faultline} (so a build can include or exclude chaos tests). Declare a {@link
 * io.faultline.api.TestBuilder} parameter to get a builder that stores runs under {@code target/faultline/}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@Tag("faultline")
@ExtendWith(FaultlineExtension.class)
public @interface FaultlineTest {}
