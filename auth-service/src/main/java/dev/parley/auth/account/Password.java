package dev.parley.auth.account;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A new password: 8–128 characters as a client counts them (code points, so an emoji is one, not
 * the two chars Java's {@code @Size} would count). A null passes; add {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = Password.Length.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface Password {

    int MIN = 8;
    int MAX = 128;

    String message() default "must be " + MIN + " to " + MAX + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Length implements ConstraintValidator<Password, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int characters = value.codePointCount(0, value.length());
            return characters >= MIN && characters <= MAX;
        }
    }
}
