package dev.parley.auth.account;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rules of a display name, wherever one is given: 1–100 characters, not blank, and no U+0000
 * (PostgreSQL cannot store it). A null passes; add {@code @NotNull} where one is required.
 */
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Size(min = 1, max = 100)
@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
@Pattern(regexp = "[^\\x00]*", message = "must not contain U+0000")
@interface DisplayName {

    String message() default "not a valid display name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
