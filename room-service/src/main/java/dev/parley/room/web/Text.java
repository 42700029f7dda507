package dev.parley.room.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Free text a client sends — a room's name or topic, a ban reason, a search prefix: at most
 * {@code max} characters, counted as Unicode code points like PostgreSQL's {@code char_length} (an
 * emoji is one character, not two UTF-16 units), and no U+0000, which PostgreSQL cannot take in text.
 * Null is valid.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Text.Validator.class)
public @interface Text {

    int max();

    String message() default "must be at most {max} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Text, String> {

        private int max;

        @Override
        public void initialize(Text constraint) {
            max = constraint.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.indexOf('\0') >= 0) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must not contain U+0000").addConstraintViolation();
                return false;
            }
            return value.codePointCount(0, value.length()) <= max;
        }
    }
}
